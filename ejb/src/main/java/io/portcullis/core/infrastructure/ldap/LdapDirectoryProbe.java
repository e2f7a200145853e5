package io.portcullis.core.infrastructure.ldap;

import io.portcullis.core.application.ConnectionTestFailedException;
import io.portcullis.core.application.LdapTestResult;
import io.portcullis.core.domain.model.settings.LdapSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.AuthenticationException;
import javax.naming.AuthenticationNotSupportedException;
import javax.naming.CommunicationException;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.NoPermissionException;
import javax.naming.ServiceUnavailableException;
import javax.naming.SizeLimitExceededException;
import javax.naming.directory.Attribute;
import javax.naming.directory.InvalidSearchFilterException;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.Control;
import javax.naming.ldap.InitialLdapContext;
import javax.naming.ldap.LdapContext;
import javax.naming.ldap.PagedResultsControl;
import javax.naming.ldap.PagedResultsResponseControl;
import javax.net.ssl.SSLException;
import org.jboss.logging.Logger;

/**
 * Checks LDAP settings against the directory with the JDK's own LDAP client (JNDI): a simple bind as the bind DN
 * (anonymous without one), then a paged subtree search of the user filter under the user base DN that counts the
 * entries and keeps a few usernames. LDAP result codes become sentences (49: the bind DN or password is wrong).
 * Thread-safe: one connection per call, closed before it returns.
 */
@ApplicationScoped
public class LdapDirectoryProbe {

  private static final Logger LOG = Logger.getLogger(LdapDirectoryProbe.class);

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(15);
  static final int PAGE_SIZE = 500;
  /** Counting stops here: a test must end even against a huge directory. */
  static final int MAX_COUNT = 1_000_000;
  static final int SAMPLE_SIZE = 5;

  /** Binds and counts the users; the settings must name a URL and a user base DN. */
  public LdapTestResult test(LdapSettings ldap) throws ConnectionTestFailedException {
    long started = System.nanoTime();
    LdapContext context = null;
    try {
      context = new InitialLdapContext(environment(ldap), null);
      SearchControls controls = new SearchControls();
      controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
      controls.setReturningAttributes(new String[] {ldap.usernameAttribute()});
      controls.setTimeLimit((int) READ_TIMEOUT.toMillis());
      long count = 0;
      List<String> sample = new ArrayList<>();
      byte[] cookie = null;
      do {
        context.setRequestControls(new Control[] {new PagedResultsControl(PAGE_SIZE, cookie, Control.NONCRITICAL)});
        NamingEnumeration<SearchResult> results = context.search(ldap.userBaseDn(), ldap.userFilter(), controls);
        try {
          while (results.hasMore() && count < MAX_COUNT) {
            SearchResult entry = results.next();
            count++;
            Attribute name = entry.getAttributes().get(ldap.usernameAttribute());
            if (sample.size() < SAMPLE_SIZE && name != null && name.get() != null) {
              sample.add(name.get().toString());
            }
          }
        } catch (SizeLimitExceededException serverLimit) {
          // A server without paging that stops at its size limit: report what it sent.
          LOG.infof("LDAP server %s stopped at its size limit after %d entries", ldap.url(), count);
          break;
        } finally {
          results.close();
        }
        cookie = null;
        Control[] response = context.getResponseControls();
        if (response != null) {
          for (Control control : response) {
            if (control instanceof PagedResultsResponseControl paged) {
              cookie = paged.getCookie();
            }
          }
        }
      } while (cookie != null && cookie.length > 0 && count < MAX_COUNT);
      sample.sort(String.CASE_INSENSITIVE_ORDER);
      long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
      LOG.infof("LDAP test against %s: %d users match %s under %s (%d ms)", ldap.url(), count, ldap.userFilter(),
          ldap.userBaseDn(), millis);
      return new LdapTestResult(ldap.url(), count, List.copyOf(sample), millis);
    } catch (NamingException e) {
      throw classify(e, ldap);
    } catch (IOException e) {
      throw failure("ldap-error", "The paged search could not be requested: " + e.getMessage(), e);
    } finally {
      if (context != null) {
        try {
          context.close();
        } catch (NamingException ignored) {
          // closing a connection that already failed
        }
      }
    }
  }

  private static Hashtable<String, Object> environment(LdapSettings ldap) {
    Hashtable<String, Object> env = new Hashtable<>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
    env.put(Context.PROVIDER_URL, ldap.url());
    env.put(Context.REFERRAL, "ignore");
    env.put("com.sun.jndi.ldap.connect.timeout", Long.toString(CONNECT_TIMEOUT.toMillis()));
    env.put("com.sun.jndi.ldap.read.timeout", Long.toString(READ_TIMEOUT.toMillis()));
    env.put("com.sun.jndi.ldap.connect.pool", "false");
    if (ldap.bindDn() == null) {
      env.put(Context.SECURITY_AUTHENTICATION, "none");
    } else {
      env.put(Context.SECURITY_AUTHENTICATION, "simple");
      env.put(Context.SECURITY_PRINCIPAL, ldap.bindDn());
      env.put(Context.SECURITY_CREDENTIALS, ldap.bindPassword());
    }
    return env;
  }

  /** An LDAP failure in words: the result code's meaning and which setting to look at. */
  static ConnectionTestFailedException classify(NamingException e, LdapSettings ldap) {
    String server = ldap.url();
    if (e instanceof AuthenticationException) {
      return failure("ldap-authentication-failed", "The LDAP server " + server + " refused the bind DN or password"
          + " (LDAP error 49, invalid credentials): check ldap.bindDn and ldap.bindPassword", e);
    }
    if (e instanceof AuthenticationNotSupportedException) {
      return failure("ldap-authentication-failed", "The LDAP server " + server + " does not accept this kind of bind"
          + (ldap.bindDn() == null ? " (anonymous binds are off): set ldap.bindDn and ldap.bindPassword" : ""), e);
    }
    if (e instanceof NameNotFoundException) {
      return failure("ldap-base-dn-not-found", "The directory has no entry " + ldap.userBaseDn()
          + " (LDAP error 32, no such object): check ldap.userBaseDn", e);
    }
    if (e instanceof NoPermissionException) {
      return failure("ldap-permission-denied", "The bind DN may not search " + ldap.userBaseDn()
          + " (LDAP error 50, insufficient access rights)", e);
    }
    if (e instanceof InvalidSearchFilterException) {
      return failure("ldap-invalid-filter", "The LDAP server does not accept the filter " + ldap.userFilter()
          + ": check ldap.userFilter", e);
    }
    if (e instanceof CommunicationException || e instanceof ServiceUnavailableException) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof UnknownHostException) {
          return failure("ldap-unreachable", "Cannot find the LDAP host of " + server + " (no such host name)", e);
        }
        if (cause instanceof ConnectException) {
          return failure("ldap-unreachable", "Nothing answers at " + server + " (connection refused): check ldap.url", e);
        }
        if (cause instanceof SocketTimeoutException) {
          return failure("ldap-unreachable", "The LDAP server " + server + " did not answer in time", e);
        }
        if (cause instanceof SSLException) {
          return failure("ldap-tls-failed", "TLS with the LDAP server " + server + " failed: " + cause.getMessage(), e);
        }
      }
      return failure("ldap-unreachable", "Cannot talk to the LDAP server " + server + ": " + explanation(e), e);
    }
    return failure("ldap-error", "The LDAP server " + server + " answered: " + explanation(e), e);
  }

  private static String explanation(NamingException e) {
    String text = e.getExplanation() != null ? e.getExplanation() : e.toString();
    return text.strip();
  }

  private static ConnectionTestFailedException failure(String type, String message, Exception cause) {
    LOG.infof("LDAP failure %s: %s (%s)", type, message, cause.toString());
    return new ConnectionTestFailedException(type, message, cause);
  }
}
