package io.portcullis.core.application.internal;

import io.portcullis.core.application.ApiTokenService;
import io.portcullis.core.application.ApiTokenView;
import io.portcullis.core.application.BusinessException;
import io.portcullis.core.application.Caller;
import io.portcullis.core.application.ConflictException;
import io.portcullis.core.application.CreatedApiToken;
import io.portcullis.core.application.FieldError;
import io.portcullis.core.application.RuleViolationException;
import io.portcullis.core.application.UnknownObjectException;
import io.portcullis.core.application.security.Access;
import io.portcullis.core.domain.model.audit.AuditAction;
import io.portcullis.core.domain.model.shared.Name;
import io.portcullis.core.domain.model.token.ApiToken;
import io.portcullis.core.domain.model.token.ApiTokenRepository;
import io.portcullis.core.domain.model.token.ApiTokenSecret;
import io.portcullis.core.domain.model.user.User;
import io.portcullis.core.domain.model.user.UserRepository;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/** Personal API tokens; the secret is generated here, returned once, and kept only as its hash. */
@Stateless
public class DefaultApiTokenService implements ApiTokenService {

  static final String OBJECT_TYPE = "api-token";

  @Inject private ApiTokenRepository tokens;
  @Inject private UserRepository users;
  @Inject private Access access;
  @EJB private AuditTrail audit;

  @Override
  public CreatedApiToken create(Long userId, Name name, Instant expiresAt) throws BusinessException {
    User owner = owner(userId);
    Instant now = Instant.now();
    Instant expiry = expiresAt == null ? now.plus(DEFAULT_LIFETIME) : expiresAt;
    if (!expiry.isAfter(now)) {
      throw new RuleViolationException("Invalid expiry", List.of(new FieldError("expiresAt", "must be in the future")));
    }
    if (expiry.isAfter(now.plus(MAX_LIFETIME))) {
      throw new RuleViolationException(
          "Invalid expiry", List.of(new FieldError("expiresAt", "must be at most " + MAX_LIFETIME.toDays() + " days ahead")));
    }
    if (tokens.findByOwnerAndName(owner, name.value()).isPresent()) {
      throw new ConflictException("duplicate-token-name", "User '" + owner.username() + "' already has a token named '" + name + "'");
    }
    ApiTokenSecret secret = ApiTokenSecret.generate();
    ApiToken token = new ApiToken(owner, name.value(), secret, now, expiry);
    tokens.add(token);
    ApiTokenView view = view(token, now);
    audit.record(AuditAction.CREATE, OBJECT_TYPE, token.id(), owner.username() + "/" + token.name(), null, view);
    return new CreatedApiToken(view, secret.value());
  }

  @Override
  public List<ApiTokenView> list(Long userId) throws UnknownObjectException {
    User owner = owner(userId);
    Instant now = Instant.now();
    return tokens.ownedBy(owner).stream().map(t -> view(t, now)).toList();
  }

  @Override
  public ApiTokenView get(long id) throws UnknownObjectException {
    return view(find(id), Instant.now());
  }

  @Override
  public ApiTokenView revoke(long id) throws UnknownObjectException {
    ApiToken token = find(id);
    Instant now = Instant.now();
    ApiTokenView before = view(token, now);
    token.revoke(now);
    ApiTokenView after = view(token, now);
    if (!before.equals(after)) {
      audit.record(AuditAction.UPDATE, OBJECT_TYPE, token.id(), token.owner().username() + "/" + token.name(), before, after);
    }
    return after;
  }

  /** The token, if the caller owns it or is an administrator. */
  private ApiToken find(long id) throws UnknownObjectException {
    ApiToken token = tokens.find(id).orElseThrow(() -> new UnknownObjectException("API token", id));
    access.requireSelfOrAdmin(token.owner().id());
    return token;
  }

  private User owner(Long userId) throws UnknownObjectException {
    Caller caller = access.caller();
    Long id = userId == null ? caller.userId() : userId;
    if (id == null) {
      throw new UnknownObjectException("User", 0);
    }
    access.requireSelfOrAdmin(id);
    return users.find(id).orElseThrow(() -> new UnknownObjectException("User", id));
  }

  static ApiTokenView view(ApiToken token, Instant now) {
    String state = token.revokedAt() != null ? "revoked" : token.usableAt(now) ? "active" : "expired";
    return new ApiTokenView(
        token.id(), token.owner().id(), token.owner().username().value(), token.name(), token.prefix(),
        token.createdAt(), token.expiresAt(), token.lastUsedAt(), token.revokedAt(), state);
  }
}
