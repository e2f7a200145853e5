package io.portcullis.core.infrastructure.mail;

import io.portcullis.core.application.ConnectionTestFailedException;
import io.portcullis.core.domain.model.settings.SmtpSecurity;
import io.portcullis.core.domain.model.settings.SmtpSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import javax.net.ssl.SSLException;
import org.jboss.logging.Logger;

/**
 * Sends mail through the SMTP server of the settings with Jakarta Mail (WildFly's Angus Mail), one connection per
 * call. Failures become a {@link ConnectionTestFailedException} that says what went wrong in words (unreachable,
 * refused credentials, TLS), never a stack trace. Thread-safe: it keeps no state.
 */
@ApplicationScoped
public class SmtpMailer {

  private static final Logger LOG = Logger.getLogger(SmtpMailer.class);

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration IO_TIMEOUT = Duration.ofSeconds(20);

  /** Sends one plain-text mail from {@code smtp.from()} (shown as {@code fromName}) to {@code to}. */
  public void send(SmtpSettings smtp, String fromName, String to, String subject, String text)
      throws ConnectionTestFailedException {
    String server = smtp.host() + ":" + smtp.effectivePort();
    String protocol = smtp.security() == SmtpSecurity.TLS ? "smtps" : "smtp";
    Session session = Session.getInstance(properties(smtp, protocol));
    try {
      MimeMessage message = new MimeMessage(session);
      message.setFrom(new InternetAddress(smtp.from(), fromName, "UTF-8"));
      message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
      message.setSubject(subject, "UTF-8");
      message.setText(text, "UTF-8");
      message.setSentDate(new Date());
      try (Transport transport = session.getTransport(protocol)) {
        transport.connect(smtp.host(), smtp.effectivePort(), smtp.username(), smtp.username() == null ? null : smtp.password());
        transport.sendMessage(message, message.getAllRecipients());
      }
      LOG.infof("Mail '%s' sent to %s through %s (%s)", subject, to, server, smtp.security());
    } catch (AuthenticationFailedException e) {
      throw failure("smtp-authentication-failed",
          "The SMTP server " + server + " refused the user name or password" + reply(e), e);
    } catch (SendFailedException e) {
      throw failure("smtp-rejected", "The SMTP server " + server + " refused the mail" + reply(e), e);
    } catch (MessagingException e) {
      throw classify(e, server, smtp);
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("UTF-8 is always supported", e);
    }
  }

  private static Properties properties(SmtpSettings smtp, String protocol) {
    String p = "mail." + protocol + ".";
    Properties props = new Properties();
    props.setProperty(p + "host", smtp.host());
    props.setProperty(p + "port", Integer.toString(smtp.effectivePort()));
    props.setProperty(p + "from", smtp.from());
    props.setProperty(p + "auth", Boolean.toString(smtp.username() != null));
    props.setProperty(p + "connectiontimeout", Long.toString(CONNECT_TIMEOUT.toMillis()));
    props.setProperty(p + "timeout", Long.toString(IO_TIMEOUT.toMillis()));
    props.setProperty(p + "writetimeout", Long.toString(IO_TIMEOUT.toMillis()));
    if (smtp.security() == SmtpSecurity.STARTTLS) {
      // Required, not just enabled: a server (or someone in between) that drops STARTTLS must not get the password.
      props.setProperty(p + "starttls.enable", "true");
      props.setProperty(p + "starttls.required", "true");
    }
    if (smtp.security() != SmtpSecurity.NONE) {
      props.setProperty(p + "ssl.checkserveridentity", "true");
    }
    return props;
  }

  /** Names the failure by its innermost cause: network, TLS, or what the server said. */
  private static ConnectionTestFailedException classify(MessagingException e, String server, SmtpSettings smtp) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnknownHostException) {
        return failure("smtp-unreachable", "Cannot find the SMTP host '" + smtp.host() + "' (no such host name)", e);
      }
      if (cause instanceof ConnectException) {
        return failure("smtp-unreachable", "Nothing answers at " + server + " (connection refused): check smtp.host and smtp.port", e);
      }
      if (cause instanceof SocketTimeoutException) {
        return failure("smtp-unreachable", "The SMTP server " + server + " did not answer in time", e);
      }
      if (cause instanceof SSLException) {
        return failure("smtp-tls-failed", "TLS with the SMTP server " + server + " failed: " + cause.getMessage()
            + (smtp.security() == SmtpSecurity.TLS ? " (does the port speak TLS from the start? STARTTLS servers use 587)" : ""), e);
      }
    }
    String message = e.getMessage() == null ? e.toString() : e.getMessage().strip();
    if (message.contains("STARTTLS")) {
      return failure("smtp-tls-failed", "The SMTP server " + server + " does not offer STARTTLS, which the settings require", e);
    }
    return failure("smtp-failed", "The SMTP server " + server + " answered: " + message, e);
  }

  private static String reply(MessagingException e) {
    String text = e.getMessage();
    return text == null || text.isBlank() ? "" : " (server said: " + text.strip() + ")";
  }

  private static ConnectionTestFailedException failure(String type, String message, Exception cause) {
    LOG.infof("SMTP failure %s: %s", type, message);
    return new ConnectionTestFailedException(type, message, cause);
  }
}
