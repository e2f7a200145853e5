package io.portcullis.web;

import io.portcullis.core.application.AccessDeniedException;
import io.portcullis.core.application.AuditService;
import io.portcullis.core.application.AuditView;
import io.portcullis.core.domain.model.audit.AuditRepository.AuditFilter;
import io.portcullis.core.domain.model.shared.Page;
import io.portcullis.core.domain.model.shared.PageRequest;
import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * {@code /audit.csv?actor=&objectType=&action=&from=&to=}: the audit events matching the log page's filters as CSV
 * (RFC 4180: comma-separated, CRLF, quotes doubled), newest first, for administrators. At most
 * {@link #MAX_ROWS} rows, read a page at a time.
 */
@WebServlet("/audit.csv")
public class AuditCsvServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  static final int MAX_ROWS = 100_000;

  @EJB private AuditService audit;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    AuditFilter filter;
    try {
      filter = new AuditFilterParameters(request.getParameter("actor"), request.getParameter("objectType"),
          request.getParameter("action"), request.getParameter("from"), request.getParameter("to")).toFilter();
    } catch (AuditFilterParameters.InvalidFilter e) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST, e.field() + ": " + e.getMessage());
      return;
    }
    Page<AuditView> page;
    try {
      page = audit.list(filter, new PageRequest(0, PageRequest.MAX_LIMIT));
    } catch (AccessDeniedException e) {
      response.sendError(HttpServletResponse.SC_FORBIDDEN, e.getMessage());
      return;
    }
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader("Content-Disposition", "attachment; filename=\"portcullis-audit.csv\"");
    response.setHeader("Cache-Control", "no-store");
    PrintWriter out = response.getWriter();
    out.print("id,occurredAt,actor,action,objectType,objectId,objectName,before,after\r\n");
    int written = 0;
    while (!page.items().isEmpty() && written < MAX_ROWS) {
      for (AuditView e : page.items()) {
        out.print(String.join(",", Long.toString(e.id()), e.occurredAt().toString(), field(e.actor()), e.action(),
            field(e.objectType()), e.objectId() == null ? "" : e.objectId().toString(), field(e.objectName()),
            field(e.before()), field(e.after())));
        out.print("\r\n");
        written++;
      }
      int next = page.offset() + page.items().size();
      if (next >= page.total()) {
        break;
      }
      page = audit.list(filter, new PageRequest(next, PageRequest.MAX_LIMIT));
    }
  }

  /**
   * One CSV field: quoted when it holds a comma, quote or line break; a leading {@code = + - @} is prefixed with
   * an apostrophe so spreadsheets do not run it as a formula (actor names and JSON come from users).
   */
  static String field(String value) {
    if (value == null) {
      return "";
    }
    String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }
}
