package io.portcullis.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jboss.logging.Logger;

/**
 * The error page of the pages: a friendly message and a reference that is also in the server log with the full
 * exception, never a stack trace. A plain servlet, so it works even when Faces itself failed.
 */
@WebServlet("/error")
public class ErrorServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(ErrorServlet.class);

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int code = status instanceof Integer i ? i : "403".equals(request.getParameter("status")) ? 403 : 500;
    Throwable error = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
    // A page's exception handler has logged the error already and passes its reference (8 hex digits).
    String passed = request.getParameter("reference");
    boolean logged = status == null && passed != null && passed.matches("[0-9a-f]{8}");
    String reference = logged ? passed : ErrorReference.next();
    if (!logged && (error != null || code >= 500)) {
      LOG.errorf(error, "Page error %s on %s (status %d)", reference, request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), code);
    }
    String text = switch (code) {
      case 403 -> "You may not see this page." + (message instanceof String m && !m.isBlank() ? " " + m : "");
      case 404 -> "There is no such page.";
      default -> "Something went wrong on our side. Please tell your administrator the reference below.";
    };
    response.setStatus(code);
    response.setContentType("text/html;charset=UTF-8");
    response.getWriter().printf("""
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Portcullis: error %d</title>
        <style>body{font-family:system-ui,sans-serif;max-width:40em;margin:4em auto;line-height:1.5}</style></head>
        <body><h1>%s</h1><p>%s</p><p>Reference: <code id="reference">%s</code></p><p><a href="/">Back to the start page</a></p></body></html>
        """, code, code == 403 ? "Not allowed" : code == 404 ? "Not found" : "Error", escape(text), reference);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
