package io.portcullis.web.pages;

import io.portcullis.core.application.BusinessException;
import io.portcullis.core.application.CreatedDevice;
import io.portcullis.core.application.DeviceDraft;
import io.portcullis.core.application.DeviceService;
import io.portcullis.core.application.DeviceView;
import io.portcullis.core.application.TrafficStatsService;
import io.portcullis.core.application.TrafficView;
import io.portcullis.core.application.UserService;
import io.portcullis.core.application.UserView;
import io.portcullis.core.application.security.Access;
import io.portcullis.core.domain.model.device.DeviceRepository.DeviceFilter;
import io.portcullis.core.domain.model.shared.Name;
import io.portcullis.core.domain.model.shared.PageRequest;
import io.portcullis.core.domain.model.user.UserRepository.UserFilter;
import io.portcullis.core.domain.model.user.Username;
import io.portcullis.core.domain.model.wireguard.WireGuardKey;
import io.portcullis.web.QrCodeSvg;
import io.portcullis.web.charts.TrafficChart;
import io.portcullis.web.charts.TrafficChart.Range;
import jakarta.ejb.EJB;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Devices: "My devices" for everyone (their own), and with {@code ?all=true} every device for administrators, who
 * may add one for any person. A device is added by pasting its public key or by having a key pair generated; then
 * the complete configurations (private key included) are shown, as text, QR code and download, this once.
 */
@Named
@ViewScoped
public class DevicesPage implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final int QR_PIXELS = 320;

  @EJB private DeviceService devices;
  @EJB private UserService users;
  @EJB private TrafficStatsService stats;
  @Inject private Access access;

  private boolean all;
  private String query;
  private String owner;
  private String name;
  private String publicKey;
  private List<OneTimeConfig> createdConfigs = List.of();
  private Long confirmingDelete;
  private Long trafficDevice;
  private Range trafficRange = Range.HOUR;
  private final PerRequest<DeviceTraffic> trafficShown = new PerRequest<>();

  /** A configuration with the generated private key, for one location, kept only while this page is open. */
  public record OneTimeConfig(long deviceId, long locationId, String locationName, String text) implements Serializable {

    public String qrCode() {
      return QrCodeSvg.of(text, QR_PIXELS);
    }
  }

  /** Whether this is the administrators' list of every device. */
  public boolean isAllDevices() {
    return all && access.caller().admin();
  }

  public List<DeviceView> getDevices() {
    String q = query == null || query.isBlank() ? null : query.strip();
    DeviceFilter filter = isAllDevices() ? new DeviceFilter(q, null, null, null) : new DeviceFilter(q, access.caller().userId(), null, null);
    return devices.list(filter, new PageRequest(0, PageRequest.MAX_LIMIT)).items();
  }

  public void add() {
    FormErrors errors = new FormErrors("add");
    Name parsedName = errors.required("name", name, Name::of);
    WireGuardKey key = errors.optional("publicKey", publicKey, WireGuardKey::parse);
    long userId = access.caller().userId();
    if (isAllDevices() && owner != null && !owner.isBlank()) {
      Username username = errors.optional("owner", owner, Username::of);
      if (username != null) {
        List<UserView> found = users.list(new UserFilter(null, username.value(), null, null), new PageRequest(0, 1)).items();
        if (found.isEmpty()) {
          errors.add("owner", "no user '" + username.value() + "'");
        } else {
          userId = found.get(0).id();
        }
      }
    }
    if (errors.report()) {
      return;
    }
    try {
      CreatedDevice created = devices.create(new DeviceDraft(userId, parsedName, key));
      List<OneTimeConfig> configs = new ArrayList<>();
      if (created.configs() != null) {
        for (DeviceView.Assignment a : created.device().addresses()) {
          String text = created.configs().get(a.locationId());
          if (text != null && configs.stream().noneMatch(c -> c.locationId() == a.locationId())) {
            configs.add(new OneTimeConfig(created.device().id(), a.locationId(), a.locationName(), text));
          }
        }
      }
      createdConfigs = configs;
      PageMessages.info("Device '" + created.device().name() + "' added",
          created.privateKey() == null ? "Download its configuration from the list and put your private key in it."
              : created.device().addresses().isEmpty() ? "It has no location yet: its owner may use none."
              : "Its private key is shown below this once: save the configuration or scan the QR code now.");
      name = null;
      publicKey = null;
    } catch (BusinessException e) {
      PageMessages.refused("add", e);
    }
  }

  /** Sends one of the one-time configurations as a wg-quick file. */
  public void download(long locationId) throws IOException {
    OneTimeConfig config = createdConfigs.stream().filter(c -> c.locationId() == locationId).findFirst().orElse(null);
    if (config == null) {
      PageMessages.error("That configuration is no longer available: it was shown once.");
      return;
    }
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext external = faces.getExternalContext();
    external.responseReset();
    external.setResponseContentType("text/plain;charset=UTF-8");
    external.setResponseHeader("Content-Disposition",
        "attachment; filename=\"portcullis-" + config.deviceId() + "-" + config.locationId() + ".conf\"");
    external.setResponseHeader("Cache-Control", "no-store");
    external.getResponseOutputStream().write(config.text().getBytes(StandardCharsets.UTF_8));
    faces.responseComplete();
  }

  /** Opens the traffic panel of a device (its chart, last handshake, endpoints). */
  public void showTraffic(long id) {
    trafficDevice = id;
    trafficShown.clear();
  }

  public void hideTraffic() {
    trafficDevice = null;
  }

  /** The open traffic panel, or null; read from the core at every render so the poll keeps it current. */
  public DeviceTraffic getTraffic() {
    if (trafficDevice == null) {
      return null;
    }
    return trafficShown.get(this::readTraffic);
  }

  private DeviceTraffic readTraffic() {
    Instant now = Instant.now();
    try {
      DeviceView device = devices.get(trafficDevice);
      TrafficView view = stats.device(trafficDevice, trafficRange.since(now));
      TrafficChart.Series series = TrafficChart.series(view, trafficRange, now);
      List<String> endpoints = view.peers().stream().map(TrafficView.Peer::endpoint).filter(e -> e != null && !e.isBlank())
          .distinct().toList();
      return new DeviceTraffic(device.id(), device.name(), TrafficChart.json(series, trafficRange, ZoneId.systemDefault()),
          TrafficChart.ago(view.lastHandshake(), now), endpoints.isEmpty() ? "not seen yet" : String.join(", ", endpoints),
          TrafficChart.bytes(series.totalIn()), TrafficChart.bytes(series.totalOut()));
    } catch (BusinessException e) {
      trafficDevice = null; // deleted meanwhile
      return null;
    }
  }

  /** What the traffic panel shows. */
  public record DeviceTraffic(long id, String name, String chart, String lastHandshake, String endpoints, String totalIn,
      String totalOut) {}

  public String getTrafficRange() {
    return trafficRange.name();
  }

  public void setTrafficRange(String range) {
    trafficRange = Range.valueOf(range);
    trafficShown.clear();
  }

  public Range[] getRanges() {
    return Range.values();
  }

  public void askDelete(long id) {
    confirmingDelete = id;
  }

  public void delete() {
    if (confirmingDelete == null) {
      return;
    }
    try {
      DeviceView d = devices.get(confirmingDelete);
      devices.delete(d.id());
      PageMessages.info("Device '" + d.name() + "' deleted", "It left every gateway.");
    } catch (BusinessException e) {
      PageMessages.error(e.getMessage());
    }
    confirmingDelete = null;
  }

  public void cancelDelete() {
    confirmingDelete = null;
  }

  public Long getConfirmingDelete() {
    return confirmingDelete;
  }

  public boolean isAll() {
    return all;
  }

  public void setAll(boolean all) {
    this.all = all;
  }

  public String getQuery() {
    return query;
  }

  public void setQuery(String query) {
    this.query = query;
  }

  public String getOwner() {
    return owner;
  }

  public void setOwner(String owner) {
    this.owner = owner;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getPublicKey() {
    return publicKey;
  }

  public void setPublicKey(String publicKey) {
    this.publicKey = publicKey;
  }

  /** The configurations of the device just created with a generated key, else empty. */
  public List<OneTimeConfig> getCreatedConfigs() {
    return createdConfigs;
  }
}
