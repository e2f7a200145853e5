package io.portcullis.core.application.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class UniqueViolationTest {

  @Test
  void findsTheConstraintNameDeepInTheCauseChain() {
    SQLException batch = new SQLException("Batch entry 0 insert into device_address was aborted", "23505");
    batch.setNextException(
        new SQLException(
            "ERROR: duplicate key value violates unique constraint \"device_address_location_address_key\"\n"
                + "  Detail: Key (location_id, address)=(1, 10.0.0.2) already exists.",
            "23505"));
    PersistenceException wrapped = new PersistenceException("could not execute batch", new RuntimeException(batch));
    assertThat(UniqueViolation.constraintOf(wrapped)).contains(DeviceRegistrar.ADDRESS_CONSTRAINT);
  }

  @Test
  void ignoresOtherFailures() {
    assertThat(UniqueViolation.constraintOf(new PersistenceException("x", new SQLException("deadlock", "40P01"))))
        .isEmpty();
    assertThat(UniqueViolation.constraintOf(new IllegalStateException("no SQL at all"))).isEmpty();
  }
}
