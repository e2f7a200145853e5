package io.portcullis.core.application.internal;

import io.portcullis.core.domain.model.device.Device;
import io.portcullis.core.domain.model.device.DeviceAddress;
import io.portcullis.core.domain.model.location.Location;
import io.portcullis.core.domain.model.network.Cidr;
import io.portcullis.core.domain.model.wireguard.WireGuardKey;
import io.portcullis.core.domain.service.WgQuickConfig;
import io.portcullis.core.domain.service.WgQuickWriter;
import java.util.Comparator;
import java.util.List;

/** Builds the wg-quick file of a device at a location from the entities. */
final class DeviceConfigs {

  private DeviceConfigs() {}

  /** The file, or null if the device holds no address in the location. */
  static String write(Device device, Location location, WireGuardKey privateKey) {
    List<Cidr> addresses =
        device.addressesIn(location).stream()
            .map(DeviceAddress::address)
            .sorted(Comparator.naturalOrder())
            .map(Cidr::host)
            .toList();
    if (addresses.isEmpty()) {
      return null;
    }
    List<Cidr> allowedIps = location.allowedIps();
    if (allowedIps.isEmpty()) {
      allowedIps = location.interfaceAddresses().stream().map(Cidr::network).toList();
    }
    String comment =
        "Portcullis: device '" + device.name() + "' of " + device.owner().username() + " at location '"
            + location.name() + "'";
    return WgQuickWriter.write(
        new WgQuickConfig(
            comment,
            privateKey,
            addresses,
            location.dns(),
            location.mtu(),
            location.publicKey(),
            location.endpoint(),
            allowedIps,
            location.persistentKeepalive()));
  }
}
