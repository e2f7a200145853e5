package io.portcullis.core.application.internal;

import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds which unique constraint a failed write broke, from PostgreSQL's SQLSTATE 23505 and its message
 * ({@code duplicate key value violates unique constraint "name"}), without depending on driver classes.
 */
final class UniqueViolation {

  private static final String UNIQUE_VIOLATION = "23505";
  private static final Pattern CONSTRAINT = Pattern.compile("unique constraint \"([^\"]+)\"");

  private UniqueViolation() {}

  /** The constraint's name, if {@code failure} or one of its causes is a unique violation. */
  static Optional<String> constraintOf(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql) {
        for (SQLException next = sql; next != null; next = next.getNextException()) {
          if (UNIQUE_VIOLATION.equals(next.getSQLState()) && next.getMessage() != null) {
            Matcher matcher = CONSTRAINT.matcher(next.getMessage());
            return Optional.of(matcher.find() ? matcher.group(1) : "unknown");
          }
        }
      }
    }
    return Optional.empty();
  }
}
