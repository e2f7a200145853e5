package io.portcullis.core.infrastructure.control;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/** The schedule of folding raw stats samples older than a day into hourly rows; the work is the recorder's. */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TrafficDownsampling {
  private static final Logger LOG = Logger.getLogger(TrafficDownsampling.class);

  /** How long raw samples are kept. */
  static final Duration RAW_RETENTION = Duration.ofDays(1);

  @EJB private TrafficRecorder recorder;

  // Hourly, a few minutes past the hour; not persistent: a missed run is simply done by the next one.
  @Schedule(info = "stats downsampling", minute = "7", hour = "*", persistent = false)
  void run() {
    try {
      int folded = recorder.downsample(Instant.now().minus(RAW_RETENTION));
      if (folded > 0) {
        LOG.infof("Folded %d raw stats samples older than %s into hourly rows", folded, RAW_RETENTION);
      }
    } catch (SQLException e) {
      LOG.warnf("Stats downsampling failed: %s", e.getMessage());
    }
  }
}
