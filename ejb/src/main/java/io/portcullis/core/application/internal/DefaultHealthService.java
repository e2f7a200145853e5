package io.portcullis.core.application.internal;

import io.portcullis.core.application.HealthService;
import io.portcullis.core.infrastructure.persistence.DatabaseSchema;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/** Checks the database with a plain JDBC round trip outside any transaction. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DefaultHealthService implements HealthService {

  private static final Logger LOG = Logger.getLogger(DefaultHealthService.class);

  @Resource(lookup = "java:jboss/datasources/PortcullisDS")
  private DataSource dataSource;

  @Override
  public Health check() {
    try {
      String version = new DatabaseSchema(dataSource).currentVersion().orElse("none");
      return new Health(true, version);
    } catch (SQLException | RuntimeException e) {
      LOG.debugf(e, "Health check: database down");
      return new Health(false, null);
    }
  }
}
