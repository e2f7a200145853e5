package io.portcullis.core.application.internal;

import io.portcullis.core.application.AccessDeniedException;
import io.portcullis.core.application.AuthenticationFailedException;
import io.portcullis.core.application.Caller;
import io.portcullis.core.application.IdentityService;
import io.portcullis.core.application.OidcIdentity;
import io.portcullis.core.domain.model.audit.AuditAction;
import io.portcullis.core.domain.model.token.ApiToken;
import io.portcullis.core.domain.model.token.ApiTokenRepository;
import io.portcullis.core.domain.model.token.ApiTokenSecret;
import io.portcullis.core.domain.model.user.EmailAddress;
import io.portcullis.core.domain.model.user.User;
import io.portcullis.core.domain.model.user.UserRepository;
import io.portcullis.core.domain.model.user.UserSource;
import io.portcullis.core.domain.model.user.Username;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Links identity-provider accounts and API tokens to local users and decides who is an administrator. */
@Stateless
public class DefaultIdentityService implements IdentityService {

  /** Last use of an API token is written at most this often (seconds). */
  static final long LAST_USE_GRANULARITY = 60;

  private static final Logger LOG = Logger.getLogger(DefaultIdentityService.class);

  @Inject private UserRepository users;
  @Inject private ApiTokenRepository tokens;
  @Inject private IdentitySettings settings;
  @EJB private AuditTrail audit;

  @Override
  public Caller signIn(OidcIdentity identity) {
    User user = users.findByExternalId(identity.subject()).orElse(null);
    if (user == null) {
      Username username = usernameOf(identity);
      Optional<User> byName = users.findByUsername(username);
      if (byName.isPresent() && byName.get().externalId() != null) {
        // The name belongs to another provider account (deleted and re-created there, or a clash).
        LOG.warnf("Sign-in of '%s' (id %s) refused: the local user is linked to provider id %s",
            username, identity.subject(), byName.get().externalId());
        throw new AccessDeniedException("User '" + username + "' is linked to another identity provider account");
      }
      if (byName.isPresent()) {
        user = byName.get();
        user.link(identity.subject(), user.source());
        LOG.infof("Linked local user '%s' to identity provider id %s", username, identity.subject());
      } else {
        user = new User(username, Instant.now());
        user.link(identity.subject(), UserSource.KEYCLOAK);
        copyProfile(user, identity);
        users.add(user);
        audit.recordAs(identity.username(), AuditAction.CREATE, DefaultUserService.OBJECT_TYPE, user.id(),
            user.username().value(), null, ViewAssembler.user(user));
        LOG.infof("Created user '%s' at first sign-in (identity provider id %s)", username, identity.subject());
      }
    } else if (user.source() == UserSource.KEYCLOAK) {
      copyProfile(user, identity);
    }
    if (!user.enabled()) {
      throw new AccessDeniedException("User '" + user.username() + "' is disabled");
    }
    // For a linked user the identity provider decides who is an administrator; the local flag follows it so
    // that the person's API tokens carry the same rights.
    boolean admin = identity.roles().contains(ADMIN_ROLE) || identity.groups().contains(settings.adminGroup());
    if (user.admin() != admin) {
      var before = ViewAssembler.user(user);
      user.setAdmin(admin);
      audit.recordAs(identity.username(), AuditAction.UPDATE, DefaultUserService.OBJECT_TYPE, user.id(),
          user.username().value(), before, ViewAssembler.user(user));
      LOG.infof("User '%s' is %s an administrator (identity provider)", user.username(), admin ? "now" : "no longer");
    }
    return new Caller(user.id(), user.username().value(), admin || isLocalAdmin(user), Caller.Via.OIDC);
  }

  @Override
  public Caller authenticateApiToken(String text) {
    if (!ApiTokenSecret.looksLike(text)) {
      throw new AuthenticationFailedException("Not a Portcullis API token");
    }
    ApiToken token =
        tokens.findByHash(new ApiTokenSecret(text).hash())
            .orElseThrow(() -> new AuthenticationFailedException("Unknown API token"));
    Instant now = Instant.now();
    if (token.revokedAt() != null) {
      throw new AuthenticationFailedException("The API token '" + token.name() + "' was revoked");
    }
    if (!token.usableAt(now)) {
      throw new AuthenticationFailedException("The API token '" + token.name() + "' expired at " + token.expiresAt());
    }
    User owner = token.owner();
    if (!owner.enabled()) {
      throw new AccessDeniedException("User '" + owner.username() + "' is disabled");
    }
    token.markUsed(now, LAST_USE_GRANULARITY);
    return new Caller(owner.id(), owner.username().value(), isLocalAdmin(owner), Caller.Via.API_TOKEN);
  }

  /** Admin by the local flag or by membership of the admin group (imported from the provider or local). */
  private boolean isLocalAdmin(User user) {
    return user.admin() || user.groups().stream().anyMatch(g -> g.name().value().equals(settings.adminGroup()));
  }

  private static Username usernameOf(OidcIdentity identity) {
    try {
      return Username.of(identity.username());
    } catch (IllegalArgumentException e) {
      throw new AccessDeniedException("The username '" + identity.username() + "' cannot be used here: " + e.getMessage());
    }
  }

  private static void copyProfile(User user, OidcIdentity identity) {
    EmailAddress email = null;
    if (identity.email() != null) {
      try {
        email = EmailAddress.of(identity.email());
      } catch (IllegalArgumentException e) {
        LOG.debugf("Ignoring the unusable e-mail of '%s': %s", identity.username(), e.getMessage());
      }
    }
    if (!Objects.equals(user.email(), email)) {
      user.setEmail(email);
    }
    if (!Objects.equals(user.firstName(), identity.firstName()) || !Objects.equals(user.lastName(), identity.lastName())) {
      user.setNames(identity.firstName(), identity.lastName());
    }
  }
}
