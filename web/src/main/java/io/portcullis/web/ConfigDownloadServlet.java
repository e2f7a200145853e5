package io.portcullis.web;

import io.portcullis.core.application.AccessDeniedException;
import io.portcullis.core.application.BusinessException;
import io.portcullis.core.application.DeviceService;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /config?device=ID&location=ID}: the device's wg-quick file as a download (private key as placeholder),
 * for its owner or an administrator.
 */
@WebServlet("/config")
public class ConfigDownloadServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @EJB private DeviceService devices;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    long device;
    long location;
    try {
      device = Long.parseLong(request.getParameter("device"));
      location = Long.parseLong(request.getParameter("location"));
    } catch (NumberFormatException e) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST, "device and location must be numbers");
      return;
    }
    try {
      String config = devices.config(device, location);
      response.setContentType("text/plain;charset=UTF-8");
      response.setHeader("Content-Disposition", "attachment; filename=\"portcullis-" + device + "-" + location + ".conf\"");
      response.setHeader("Cache-Control", "no-store");
      response.getWriter().write(config);
    } catch (AccessDeniedException e) {
      response.sendError(HttpServletResponse.SC_FORBIDDEN, e.getMessage());
    } catch (BusinessException e) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND, e.getMessage());
    } catch (EJBException e) {
      if (e.getCause() instanceof AccessDeniedException denied) {
        response.sendError(HttpServletResponse.SC_FORBIDDEN, denied.getMessage());
      } else {
        throw e;
      }
    }
  }
}
