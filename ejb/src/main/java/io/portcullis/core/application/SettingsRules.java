package io.portcullis.core.application;

import io.portcullis.core.domain.model.network.Endpoint;
import io.portcullis.core.domain.model.network.Port;
import io.portcullis.core.domain.model.settings.LdapSettings;
import io.portcullis.core.domain.model.settings.SmtpSecurity;
import io.portcullis.core.domain.model.settings.SmtpSettings;
import io.portcullis.core.domain.model.shared.Name;
import io.portcullis.core.domain.model.user.EmailAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;

/**
 * What a valid settings draft is, in one place for the REST API (400 with these field errors), the pages (next to
 * the fields) and the service (which checks again). Field names are the JSON names, dotted by section
 * ({@code smtp.port}); blank text means "not set".
 */
public final class SettingsRules {

  static final int MAX_TEXT = 1024;
  static final int MAX_USERNAME = 255;
  private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,63}|[0-9]+(\\.[0-9]+)+");

  private final List<FieldError> errors = new ArrayList<>();

  private SettingsRules() {}

  /** Every problem of the sections {@code draft} has; empty when it may be saved. */
  public static List<FieldError> check(SettingsDraft draft) {
    SettingsRules rules = new SettingsRules();
    if (draft.instance() != null) {
      rules.optional("instance.name", draft.instance().name(), Name::of);
    }
    if (draft.identity() != null) {
      rules.optional("identity.adminGroup", draft.identity().adminGroup(), Name::of);
    }
    if (draft.smtp() != null) {
      rules.parseSmtp(draft.smtp(), null);
    }
    if (draft.ldap() != null) {
      rules.parseLdap(draft.ldap(), null);
    }
    return List.copyOf(rules.errors);
  }

  /** Problems of an SMTP section alone (for a test with unsaved values), named {@code smtp.*}. */
  public static List<FieldError> checkSmtp(SettingsDraft.Smtp smtp) {
    return check(new SettingsDraft(null, null, smtp, null));
  }

  /** Problems of an LDAP section alone, named {@code ldap.*}. */
  public static List<FieldError> checkLdap(SettingsDraft.Ldap ldap) {
    return check(new SettingsDraft(null, null, null, ldap));
  }

  /**
   * The SMTP settings a checked section gives, with the password rule of {@link SettingsDraft}: null keeps
   * {@code storedPassword}, empty removes it.
   */
  public static SmtpSettings smtp(SettingsDraft.Smtp smtp, String storedPassword) {
    SettingsRules rules = new SettingsRules();
    SmtpSettings parsed = rules.parseSmtp(smtp, storedPassword);
    rules.requireNone();
    return parsed;
  }

  /** The LDAP settings a checked section gives, with the password rule of {@link SettingsDraft}. */
  public static LdapSettings ldap(SettingsDraft.Ldap ldap, String storedPassword) {
    SettingsRules rules = new SettingsRules();
    LdapSettings parsed = rules.parseLdap(ldap, storedPassword);
    rules.requireNone();
    return parsed;
  }

  /** A checked optional text: stripped, blank is null. */
  public static String text(String raw) {
    return raw == null || raw.isBlank() ? null : raw.strip();
  }

  private SmtpSettings parseSmtp(SettingsDraft.Smtp smtp, String storedPassword) {
    String host = optional("smtp.host", smtp.host(), Endpoint::checkHost);
    Integer port = smtp.port();
    if (port != null && (port < Port.MIN || port > Port.MAX)) {
      add("smtp.port", "must be between " + Port.MIN + " and " + Port.MAX);
    }
    SmtpSecurity security = optional("smtp.security", smtp.security(), SmtpSecurity::parse);
    String username = optional("smtp.username", smtp.username(), t -> limited(t, MAX_USERNAME));
    String password = password("smtp.password", smtp.password(), storedPassword);
    EmailAddress from = optional("smtp.from", smtp.from(), EmailAddress::of);
    if (host != null && from == null && text(smtp.from()) == null) {
      add("smtp.from", "is required to send mail: the address mails come from, such as vpn@example.com");
    }
    if (password != null && username == null && text(smtp.password()) != null) {
      add("smtp.password", "is only used with smtp.username");
    }
    return new SmtpSettings(host, port, security, username, username == null ? null : password,
        from == null ? null : from.value());
  }

  private LdapSettings parseLdap(SettingsDraft.Ldap ldap, String storedPassword) {
    String url = optional("ldap.url", ldap.url(), SettingsRules::ldapUrl);
    String bindDn = optional("ldap.bindDn", ldap.bindDn(), SettingsRules::dn);
    String password = password("ldap.bindPassword", ldap.bindPassword(), storedPassword);
    String userBaseDn = optional("ldap.userBaseDn", ldap.userBaseDn(), SettingsRules::dn);
    if (url != null && text(ldap.userBaseDn()) == null) {
      add("ldap.userBaseDn", "is required: where the users are, such as ou=people,dc=example,dc=org");
    }
    String userFilter = optional("ldap.userFilter", ldap.userFilter(), SettingsRules::filter);
    String attribute = optional("ldap.usernameAttribute", ldap.usernameAttribute(), SettingsRules::attribute);
    String groupBaseDn = optional("ldap.groupBaseDn", ldap.groupBaseDn(), SettingsRules::dn);
    String groupFilter = optional("ldap.groupFilter", ldap.groupFilter(), SettingsRules::filter);
    if (password != null && bindDn == null && text(ldap.bindPassword()) != null) {
      add("ldap.bindPassword", "is only used with ldap.bindDn");
    }
    return new LdapSettings(url, bindDn, bindDn == null ? null : password, userBaseDn, userFilter, attribute,
        groupBaseDn, groupFilter);
  }

  /** null keeps the stored password, empty removes it, other text is the new one (taken as typed). */
  private String password(String field, String raw, String stored) {
    if (raw == null) {
      return stored;
    }
    if (raw.isEmpty()) {
      return null;
    }
    if (raw.length() > MAX_TEXT) {
      add(field, "must be at most " + MAX_TEXT + " characters");
    }
    return raw;
  }

  static String ldapUrl(String text) {
    URI uri;
    try {
      uri = new URI(limited(text, MAX_TEXT));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("ldap") && !scheme.equals("ldaps")) {
      throw new IllegalArgumentException("must start with ldap:// or ldaps://, such as ldaps://ldap.example.org");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("must name a host, such as ldaps://ldap.example.org");
    }
    if (uri.getPort() != -1 && (uri.getPort() < Port.MIN || uri.getPort() > Port.MAX)) {
      throw new IllegalArgumentException("port must be between " + Port.MIN + " and " + Port.MAX);
    }
    if (!(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
        || uri.getRawQuery() != null) {
      throw new IllegalArgumentException("must be only ldap[s]://host[:port]: base DNs are set separately");
    }
    return text;
  }

  static String dn(String text) {
    try {
      new LdapName(limited(text, MAX_TEXT));
      return text;
    } catch (InvalidNameException e) {
      throw new IllegalArgumentException("not a distinguished name, such as ou=people,dc=example,dc=org");
    }
  }

  /** An LDAP search filter (RFC 4515) in its parentheses, with balanced parentheses. */
  static String filter(String text) {
    limited(text, MAX_TEXT);
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
        if (depth < 0 || (depth == 0 && i != text.length() - 1)) {
          depth = -1; // closed too early: "(a=b))" or two filters side by side
          break;
        }
      }
    }
    if (!text.startsWith("(") || !text.endsWith(")") || depth != 0 || !text.contains("=")) {
      throw new IllegalArgumentException("not an LDAP filter in parentheses, such as (objectClass=inetOrgPerson)");
    }
    return text;
  }

  static String attribute(String text) {
    if (!ATTRIBUTE.matcher(text).matches()) {
      throw new IllegalArgumentException("not an attribute name, such as uid or sAMAccountName");
    }
    return text;
  }

  private static String limited(String text, int max) {
    if (text.length() > max) {
      throw new IllegalArgumentException("must be at most " + max + " characters");
    }
    if (text.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("must not contain control characters");
    }
    return text;
  }

  private <T> T optional(String field, String raw, Function<String, T> parser) {
    String text = text(raw);
    if (text == null) {
      return null;
    }
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      add(field, e.getMessage());
      return null;
    }
  }

  private void add(String field, String message) {
    errors.add(new FieldError(field, message));
  }

  private void requireNone() {
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("unchecked settings: " + errors);
    }
  }
}
