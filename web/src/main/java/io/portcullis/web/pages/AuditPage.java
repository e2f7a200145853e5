package io.portcullis.web.pages;

import io.portcullis.core.application.AuditService;
import io.portcullis.core.application.AuditView;
import io.portcullis.core.application.FieldError;
import io.portcullis.core.domain.model.audit.AuditRepository.AuditFilter;
import io.portcullis.core.domain.model.shared.Page;
import io.portcullis.core.domain.model.shared.PageRequest;
import io.portcullis.web.AuditFilterParameters;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** The audit log (administrators): filter by actor, object type, action and days; page through; export as CSV. */
@Named
@ViewScoped
public class AuditPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @EJB private AuditService audit;

  private String actor;
  private String objectType;
  private String action;
  private String from;
  private String to;
  private AuditFilter filter = new AuditFilter(null, null, null, null, null, null);
  private final Events model = new Events();

  /** The events matching the applied filters, a page at a time from the core. */
  public final class Events extends LazyDataModel<AuditView> {
    private static final long serialVersionUID = 1L;

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
      return (int) Math.min(Integer.MAX_VALUE, audit.list(filter, new PageRequest(0, 1)).total());
    }

    @Override
    public List<AuditView> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
      Page<AuditView> page = audit.list(filter, new PageRequest(first, Math.min(pageSize, PageRequest.MAX_LIMIT)));
      setRowCount((int) Math.min(Integer.MAX_VALUE, page.total()));
      return page.items();
    }

    @Override
    public String getRowKey(AuditView event) {
      return Long.toString(event.id());
    }
  }

  /** Applies the filters typed in; a bad one is shown next to its field and the previous filters stay. */
  public void apply() {
    try {
      filter = parameters().toFilter();
    } catch (AuditFilterParameters.InvalidFilter e) {
      FormErrors.report("filters", List.of(new FieldError(e.field(), e.getMessage())));
    }
  }

  /** The CSV export of what the filters select (the servlet checks them again). */
  public String getCsvUrl() {
    AuditFilterParameters p = parameters();
    return "audit.csv?actor=" + enc(p.actor()) + "&objectType=" + enc(p.objectType()) + "&action=" + enc(p.action())
        + "&from=" + enc(p.from()) + "&to=" + enc(p.to());
  }

  private AuditFilterParameters parameters() {
    return new AuditFilterParameters(actor, objectType, action, from, to);
  }

  private static String enc(String s) {
    return s == null ? "" : URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  public Events getModel() { return model; }
  public String getActor() { return actor; }
  public void setActor(String actor) { this.actor = actor; }
  public String getObjectType() { return objectType; }
  public void setObjectType(String objectType) { this.objectType = objectType; }
  public String getAction() { return action; }
  public void setAction(String action) { this.action = action; }
  public String getFrom() { return from; }
  public void setFrom(String from) { this.from = from; }
  public String getTo() { return to; }
  public void setTo(String to) { this.to = to; }
}
