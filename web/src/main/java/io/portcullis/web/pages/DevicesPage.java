package io.portcullis.web.pages;

import io.portcullis.core.application.BusinessException;
import io.portcullis.core.application.CreatedDevice;
import io.portcullis.core.application.DeviceDraft;
import io.portcullis.core.application.DeviceService;
import io.portcullis.core.application.DeviceView;
import io.portcullis.core.application.FieldError;
import io.portcullis.core.application.RuleViolationException;
import io.portcullis.core.application.security.Access;
import io.portcullis.core.domain.model.device.DeviceRepository.DeviceFilter;
import io.portcullis.core.domain.model.shared.Name;
import io.portcullis.core.domain.model.shared.PageRequest;
import io.portcullis.core.domain.model.wireguard.WireGuardKey;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * "My devices": the signed-in person's devices, and adding one by pasting a public key or having the key pair
 * generated (then the ready wg-quick files, private key included, are shown this once).
 */
@Named
@ViewScoped
public class DevicesPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @EJB private DeviceService devices;
  @Inject private Access access;

  private String name;
  private String publicKey;
  private List<Map.Entry<Long, String>> createdConfigs = List.of();

  public List<DeviceView> getMine() {
    return devices.list(new DeviceFilter(null, access.caller().userId(), null, null), new PageRequest(0, 200)).items();
  }

  public void add() {
    FacesContext faces = FacesContext.getCurrentInstance();
    Name parsedName = null;
    WireGuardKey key = null;
    try {
      parsedName = Name.of(name == null ? "" : name.trim());
    } catch (IllegalArgumentException e) {
      faces.addMessage("add:name", error("Name: " + e.getMessage()));
    }
    if (publicKey != null && !publicKey.isBlank()) {
      try {
        key = WireGuardKey.parse(publicKey.trim());
      } catch (IllegalArgumentException e) {
        faces.addMessage("add:publicKey", error("Public key: " + e.getMessage()));
      }
    }
    if (faces.getMessageList().stream().anyMatch(m -> m.getSeverity() == FacesMessage.SEVERITY_ERROR)) {
      faces.validationFailed();
      return;
    }
    try {
      CreatedDevice created = devices.create(new DeviceDraft(access.caller().userId(), parsedName, key));
      createdConfigs = created.configs() == null ? List.of() : new ArrayList<>(created.configs().entrySet());
      faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, "Device '" + created.device().name() + "' added",
          created.privateKey() == null ? "Download its configuration below." : "Its private key is shown below this once: save it now."));
      name = null;
      publicKey = null;
    } catch (RuleViolationException e) {
      for (FieldError f : e.errors()) {
        faces.addMessage("add:" + f.field(), error(f.field() + ": " + f.message()));
      }
      faces.validationFailed();
    } catch (BusinessException e) {
      faces.addMessage(null, error(e.getMessage()));
      faces.validationFailed();
    }
  }

  private static FacesMessage error(String text) {
    return new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text);
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

  /** The wg-quick files of the device just created with a generated key (location id → text), else empty. */
  public List<Map.Entry<Long, String>> getCreatedConfigs() {
    return createdConfigs;
  }
}
