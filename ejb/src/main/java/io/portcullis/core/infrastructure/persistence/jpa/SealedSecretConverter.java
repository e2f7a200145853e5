package io.portcullis.core.infrastructure.persistence.jpa;

import io.portcullis.core.infrastructure.crypto.SecretSealer;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.jboss.logging.Logger;

/**
 * Keeps a secret column sealed in the database ({@link SecretSealer}). A value that cannot be opened (sealed with
 * another key file, or altered) reads as "not set" with one WARN line: the settings page then asks for the password
 * again instead of failing.
 */
@Converter
public class SealedSecretConverter implements AttributeConverter<String, String> {

  private static final Logger LOG = Logger.getLogger(SealedSecretConverter.class);

  @Override
  public String convertToDatabaseColumn(String secret) {
    return SecretSealer.instance().seal(secret);
  }

  @Override
  public String convertToEntityAttribute(String stored) {
    if (stored == null) {
      return null;
    }
    return SecretSealer.instance().open(stored).orElseGet(() -> {
      LOG.warn("A stored password cannot be opened with this server's secrets key (another key file, or the value was"
          + " altered); it counts as not set until an administrator enters it again");
      return null;
    });
  }
}
