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
    boolean unique = false;
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql) {
        // A batch failure wraps the statement's own exception, which alone names the constraint.
        for (SQLException next = sql; next != null; next = next.getNextException()) {
          if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
            unique = true;
            Matcher matcher = CONSTRAINT.matcher(String.valueOf(next.getMessage()));
            if (matcher.find()) {
              return Optional.of(matcher.group(1));
            }
          }
        }
      }
    }
    return unique ? Optional.of("unknown") : Optional.empty();
  }
}
