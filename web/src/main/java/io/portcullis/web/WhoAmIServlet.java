package io.portcullis.web;

import io.portcullis.core.application.Caller;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code /whoami}: who is signed in, as plain text (what the pages' header will show). */
@WebServlet("/whoami")
public class WhoAmIServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Caller caller = (Caller) request.getAttribute("portcullisCaller");
    response.setContentType("text/plain;charset=UTF-8");
    response.getWriter().printf("%s%s%n", caller.username(), caller.admin() ? " (admin)" : "");
  }
}
