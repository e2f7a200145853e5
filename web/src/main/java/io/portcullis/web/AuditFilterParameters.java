package io.portcullis.web;

import io.portcullis.core.domain.model.audit.AuditAction;
import io.portcullis.core.domain.model.audit.AuditRepository.AuditFilter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The audit log's filters as the page and its CSV export share them: actor, object type, action, and the days from
 * and to (both inclusive, UTC). An unusable value raises {@link InvalidFilter} naming the field.
 */
public record AuditFilterParameters(String actor, String objectType, String action, String from, String to) {

  /** A filter value that cannot be used; the message says why, without the field's name. */
  public static final class InvalidFilter extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;

    InvalidFilter(String field, String message) {
      super(message);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  public AuditFilter toFilter() {
    AuditAction parsedAction = blank(action) ? null : action(action);
    LocalDate fromDay = blank(from) ? null : day("from", from);
    LocalDate toDay = blank(to) ? null : day("to", to);
    if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
      throw new InvalidFilter("to", "must not be before from");
    }
    return new AuditFilter(
        blank(actor) ? null : actor.strip(),
        blank(objectType) ? null : objectType.strip(),
        null,
        parsedAction,
        fromDay == null ? null : fromDay.atStartOfDay(ZoneOffset.UTC).toInstant(),
        toDay == null ? null : toDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  private static AuditAction action(String raw) {
    try {
      return AuditAction.valueOf(raw.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidFilter("action", "must be CREATE, UPDATE or DELETE");
    }
  }

  private static LocalDate day(String field, String raw) {
    try {
      return LocalDate.parse(raw.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidFilter(field, "must be a day such as 2026-01-31");
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
