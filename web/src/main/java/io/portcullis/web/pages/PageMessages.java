package io.portcullis.web.pages;

import io.portcullis.core.application.BusinessException;
import io.portcullis.core.application.RuleViolationException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

/** The messages a page shows in its summary: what was done, or why not. */
final class PageMessages {

  private PageMessages() {}

  static void info(String summary, String detail) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, summary, detail));
  }

  static void error(String text) {
    FacesContext faces = FacesContext.getCurrentInstance();
    faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text));
    faces.validationFailed();
  }

  /** A service's refusal: field errors next to their fields of {@code formId}, anything else in the summary. */
  static void refused(String formId, BusinessException e) {
    if (e instanceof RuleViolationException rules) {
      FormErrors.report(formId, rules.errors());
    } else {
      error(e.getMessage());
    }
  }
}
