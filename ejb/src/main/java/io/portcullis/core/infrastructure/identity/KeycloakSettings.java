package io.portcullis.core.infrastructure.identity;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where the core reaches Keycloak's admin API, from the system properties wildfly-config/07-oidc.cli sets from the
 * environment: {@code portcullis.oidc.url} (PORTCULLIS_OIDC_URL), {@code portcullis.oidc.realm}
 * (PORTCULLIS_OIDC_REALM), {@code portcullis.oidc.core-client} (PORTCULLIS_OIDC_CORE_CLIENT, default
 * portcullis-core) and {@code portcullis.oidc.core-secret} (PORTCULLIS_OIDC_CORE_SECRET). Provisioning is on when
 * the secret is set.
 */
@ApplicationScoped
public class KeycloakSettings {

  public String url() {
    return System.getProperty("portcullis.oidc.url", "http://127.0.0.1:8180");
  }

  public String realm() {
    return System.getProperty("portcullis.oidc.realm", "portcullis");
  }

  public String clientId() {
    return System.getProperty("portcullis.oidc.core-client", "portcullis-core");
  }

  public String clientSecret() {
    return System.getProperty("portcullis.oidc.core-secret", "");
  }

  public boolean provisioning() {
    return !clientSecret().isBlank();
  }
}
