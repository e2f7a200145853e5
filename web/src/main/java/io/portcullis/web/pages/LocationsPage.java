package io.portcullis.web.pages;

import io.portcullis.core.application.BusinessException;
import io.portcullis.core.application.CreatedGateway;
import io.portcullis.core.application.GatewayCredentialService;
import io.portcullis.core.application.GatewayService;
import io.portcullis.core.application.GatewayStatusService;
import io.portcullis.core.application.GatewayStatusView;
import io.portcullis.core.application.IssuedGatewayCertificate;
import io.portcullis.core.application.LocationDraft;
import io.portcullis.core.application.LocationService;
import io.portcullis.core.application.LocationView;
import io.portcullis.core.domain.model.network.Cidr;
import io.portcullis.core.domain.model.network.Endpoint;
import io.portcullis.core.domain.model.network.Port;
import io.portcullis.core.domain.model.shared.Name;
import io.portcullis.core.domain.model.shared.PageRequest;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.util.List;

/**
 * Locations (administrators): the list, one form for creating and editing with every setting, and the gateways of
 * the location being edited, whose new tokens (and client certificates) are shown once with the command to run.
 */
@Named
@ViewScoped
public class LocationsPage implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The limits the REST API applies too (rest's LocationRequest). */
  static final int DEFAULT_PORT = 51820;
  static final int MIN_MTU = 1280;
  static final int MAX_MTU = 9000;

  @EJB private LocationService locations;
  @EJB private GatewayService gateways;
  @EJB private GatewayStatusService gatewayStatus;
  @EJB private GatewayCredentialService credentials;

  private String query;
  private Long editing; // id of the location in the form; null while creating one
  private boolean formOpen;
  private final LocationForm form = new LocationForm();
  private String gatewayName;
  private OneTimeGateway created;

  /** The text of the location form, as typed. */
  public static final class LocationForm implements Serializable {
    private static final long serialVersionUID = 1L;
    private String name;
    private String addresses;
    private String endpoint;
    private Integer port;
    private Integer listenPort;
    private String allowedIps;
    private String dns;
    private Integer mtu;
    private Integer persistentKeepalive;
    private boolean mfaRequired;
    private String allowedGroups;

    // Faces binds through bean properties.
    public String getName() { return name; }
    public void setName(String v) { name = v; }
    public String getAddresses() { return addresses; }
    public void setAddresses(String v) { addresses = v; }
    public String getEndpoint() { return endpoint; }
    public void setEndpoint(String v) { endpoint = v; }
    public Integer getPort() { return port; }
    public void setPort(Integer v) { port = v; }
    public Integer getListenPort() { return listenPort; }
    public void setListenPort(Integer v) { listenPort = v; }
    public String getAllowedIps() { return allowedIps; }
    public void setAllowedIps(String v) { allowedIps = v; }
    public String getDns() { return dns; }
    public void setDns(String v) { dns = v; }
    public Integer getMtu() { return mtu; }
    public void setMtu(Integer v) { mtu = v; }
    public Integer getPersistentKeepalive() { return persistentKeepalive; }
    public void setPersistentKeepalive(Integer v) { persistentKeepalive = v; }
    public boolean isMfaRequired() { return mfaRequired; }
    public void setMfaRequired(boolean v) { mfaRequired = v; }
    public String getAllowedGroups() { return allowedGroups; }
    public void setAllowedGroups(String v) { allowedGroups = v; }
  }

  /** A gateway just created: its token, and its client certificate when the core asks for mutual TLS. */
  public record OneTimeGateway(
      String name, String token, String certificatePem, String privateKeyPem, String caPem, String command)
      implements Serializable {}

  public List<LocationView> getLocations() {
    return locations.list(query == null || query.isBlank() ? null : query.strip(), new PageRequest(0, PageRequest.MAX_LIMIT)).items();
  }

  public List<GatewayStatusView> getGateways() {
    return editing == null ? List.of() : gatewayStatus.list(editing);
  }

  public void startNew() {
    editing = null;
    formOpen = true;
    created = null;
    form.name = null;
    form.addresses = null;
    form.endpoint = null;
    form.port = DEFAULT_PORT;
    form.listenPort = null;
    form.allowedIps = null;
    form.dns = null;
    form.mtu = null;
    form.persistentKeepalive = null;
    form.mfaRequired = false;
    form.allowedGroups = null;
  }

  public void edit(long id) {
    LocationView l;
    try {
      l = locations.get(id);
    } catch (BusinessException e) {
      PageMessages.error(e.getMessage());
      return;
    }
    editing = id;
    formOpen = true;
    created = null;
    form.name = l.name();
    form.addresses = String.join("\n", l.addresses());
    form.endpoint = l.endpoint();
    form.port = l.port();
    form.listenPort = l.listenPort();
    form.allowedIps = String.join("\n", l.allowedIps());
    form.dns = String.join("\n", l.dns());
    form.mtu = l.mtu();
    form.persistentKeepalive = l.persistentKeepalive();
    form.mfaRequired = l.mfaRequired();
    form.allowedGroups = String.join("\n", l.allowedGroups());
  }

  public void save() {
    FormErrors errors = new FormErrors("location");
    Name name = errors.required("name", form.name, Name::of);
    if (FormErrors.entries(form.addresses).isEmpty()) {
      errors.add("addresses", "at least one address pool is required, such as \"10.10.0.1/24\"");
    }
    List<Cidr> pools = errors.each("addresses", form.addresses, Cidr::parse);
    String host = errors.required("endpoint", form.endpoint, Endpoint::checkHost);
    errors.range("port", form.port, Port.MIN, Port.MAX);
    errors.range("listenPort", form.listenPort, Port.MIN, Port.MAX);
    List<Cidr> routes = errors.each("allowedIps", form.allowedIps, Cidr::parse);
    List<String> servers = errors.each("dns", form.dns, Endpoint::checkHost);
    errors.range("mtu", form.mtu, MIN_MTU, MAX_MTU);
    errors.range("persistentKeepalive", form.persistentKeepalive, 0, Port.MAX);
    List<Name> groups = errors.each("allowedGroups", form.allowedGroups, Name::of);
    if (errors.report()) {
      return;
    }
    int port = form.port == null ? DEFAULT_PORT : form.port;
    LocationDraft draft = new LocationDraft(name, pools, new Endpoint(host, port),
        form.listenPort == null ? port : form.listenPort, routes, servers, form.mtu, form.persistentKeepalive,
        form.mfaRequired, groups);
    try {
      LocationView saved = editing == null ? locations.create(draft) : locations.update(editing, draft);
      PageMessages.info("Location '" + saved.name() + "' saved",
          editing == null ? "Add a gateway to it below." : "Its gateways get the change now.");
      edit(saved.id());
    } catch (BusinessException e) {
      PageMessages.refused("location", e);
    }
  }

  public void delete() {
    if (editing == null) {
      return;
    }
    try {
      locations.delete(editing);
      PageMessages.info("Location '" + form.name + "' deleted", "Its gateways were removed with it.");
      editing = null;
      formOpen = false;
    } catch (BusinessException e) {
      PageMessages.error(e.getMessage());
    }
  }

  public void close() {
    editing = null;
    formOpen = false;
    created = null;
  }

  public void addGateway() {
    if (editing == null) {
      return;
    }
    FormErrors errors = new FormErrors("gateways");
    Name name = errors.required("gatewayName", gatewayName, Name::of);
    if (errors.report()) {
      return;
    }
    try {
      CreatedGateway gateway = gateways.create(editing, name);
      IssuedGatewayCertificate certificate = null;
      if (mutualTls()) {
        certificate = credentials.issueCertificate(gateway.gateway().id());
      }
      created = new OneTimeGateway(gateway.gateway().name(), gateway.token(),
          certificate == null ? null : certificate.certificatePem(),
          certificate == null ? null : certificate.privateKeyPem(),
          certificate == null ? null : certificate.caPem(),
          runCommand(gateway.token(), certificate != null));
      gatewayName = null;
      PageMessages.info("Gateway '" + gateway.gateway().name() + "' created",
          "Copy its token now: it is shown only this once.");
    } catch (BusinessException e) {
      PageMessages.refused("gateways", e);
    }
  }

  public void deleteGateway(long id) {
    try {
      gateways.delete(id);
      created = null;
      PageMessages.info("Gateway deleted", "Its token no longer works.");
    } catch (BusinessException e) {
      PageMessages.error(e.getMessage());
    }
  }

  private static boolean mutualTls() {
    return "internal-ca".equals(System.getProperty("portcullis.grpc.tls", "internal-ca"))
        && Boolean.parseBoolean(System.getProperty("portcullis.grpc.mtls", "true"));
  }

  /** The environment and command that start the gateway on its host (the flags GatewaySettingsLoader reads). */
  private static String runCommand(String token, boolean withCertificate) {
    HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
    boolean plaintext = "plaintext".equals(System.getProperty("portcullis.grpc.tls"));
    String url = (plaintext ? "http://" : "https://") + hostForUrl(request.getServerName()) + ":"
        + System.getProperty("portcullis.grpc.port", "50055");
    StringBuilder command = new StringBuilder();
    command.append("PORTCULLIS_GRPC_URL=").append(url).append(" \\\n");
    command.append("PORTCULLIS_TOKEN=").append(token).append(" \\\n");
    if (withCertificate) {
      command.append("PORTCULLIS_GRPC_CA=ca.pem PORTCULLIS_GRPC_CERT=gateway.pem PORTCULLIS_GRPC_KEY=gateway.key \\\n");
    }
    command.append("  portcullis-gateway run");
    return command.toString();
  }

  private static String hostForUrl(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  public LocationForm getForm() {
    return form;
  }

  public boolean isFormOpen() {
    return formOpen;
  }

  public Long getEditing() {
    return editing;
  }

  public String getQuery() {
    return query;
  }

  public void setQuery(String query) {
    this.query = query;
  }

  public String getGatewayName() {
    return gatewayName;
  }

  public void setGatewayName(String gatewayName) {
    this.gatewayName = gatewayName;
  }

  public OneTimeGateway getCreated() {
    return created;
  }
}
