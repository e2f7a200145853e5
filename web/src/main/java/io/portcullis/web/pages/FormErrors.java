package io.portcullis.web.pages;

import io.portcullis.core.application.FieldError;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns the text of a form into value objects the way the REST API turns JSON into them (same field names, same
 * messages: both come from the value objects and the services), and shows what is wrong next to the field and in
 * the summary. A field named {@code addresses[1]} belongs to the component {@code addresses} of the form.
 */
final class FormErrors {

  private final String formId;
  private final List<FieldError> errors = new ArrayList<>();

  FormErrors(String formId) {
    this.formId = formId;
  }

  /** Parses a required field; blank text or a parser's IllegalArgumentException is recorded. */
  <T> T required(String field, String raw, Function<String, T> parser) {
    if (raw == null || raw.isBlank()) {
      add(field, "is required");
      return null;
    }
    return optional(field, raw, parser);
  }

  /** Parses an optional field; blank text is null. */
  <T> T optional(String field, String raw, Function<String, T> parser) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return parser.apply(raw.strip());
    } catch (IllegalArgumentException e) {
      add(field, e.getMessage());
      return null;
    }
  }

  /** Parses one entry per line (or comma-separated), naming bad entries {@code field[i]}. */
  <T> List<T> each(String field, String raw, Function<String, T> parser) {
    List<T> parsed = new ArrayList<>();
    List<String> entries = entries(raw);
    for (int i = 0; i < entries.size(); i++) {
      T value = optional(field + "[" + i + "]", entries.get(i), parser);
      if (value != null) {
        parsed.add(value);
      }
    }
    return parsed;
  }

  /** Checks an integer range; null passes. */
  void range(String field, Integer value, int min, int max) {
    if (value != null && (value < min || value > max)) {
      add(field, "must be between " + min + " and " + max);
    }
  }

  void add(String field, String message) {
    errors.add(new FieldError(field, message));
  }

  boolean any() {
    return !errors.isEmpty();
  }

  /** Shows the collected errors; returns true when there were any (the caller then stops). */
  boolean report() {
    report(formId, errors);
    return any();
  }

  /** Shows field errors (the page's own or a service's RuleViolationException) next to their fields. */
  static void report(String formId, List<FieldError> errors) {
    FacesContext faces = FacesContext.getCurrentInstance();
    for (FieldError error : errors) {
      String text = error.field() + ": " + error.message();
      String component = error.field().replaceAll("\\[\\d+]$", "").replaceAll("[.\\[].*$", "");
      FacesMessage message = new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text);
      String clientId = formId + ":" + component;
      faces.addMessage(faces.getViewRoot().findComponent(":" + clientId) == null ? null : clientId, message);
    }
    if (!errors.isEmpty()) {
      faces.validationFailed();
    }
  }

  /** Lines or comma-separated entries of a text area, stripped, blanks dropped. */
  static List<String> entries(String raw) {
    if (raw == null) {
      return List.of();
    }
    return List.of(raw.split("[,\\r\\n]+")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
