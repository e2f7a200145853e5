package io.portcullis.core.application.internal;

import io.portcullis.core.application.AuditView;
import io.portcullis.core.application.DeviceView;
import io.portcullis.core.application.GatewayView;
import io.portcullis.core.application.GroupView;
import io.portcullis.core.application.LocationView;
import io.portcullis.core.application.UserView;
import io.portcullis.core.domain.model.audit.AuditEvent;
import io.portcullis.core.domain.model.device.Device;
import io.portcullis.core.domain.model.gateway.Gateway;
import io.portcullis.core.domain.model.group.Group;
import io.portcullis.core.domain.model.location.Location;
import io.portcullis.core.domain.model.network.Cidr;
import io.portcullis.core.domain.model.user.User;
import java.util.Comparator;

/** Turns entities into the read models the use cases return; called inside the transaction. */
final class ViewAssembler {

  private ViewAssembler() {}

  public static UserView user(User user) {
    return new UserView(
        user.id(),
        user.username().value(),
        user.email() == null ? null : user.email().value(),
        user.firstName(),
        user.lastName(),
        user.enabled(),
        user.admin(),
        user.externalId(),
        user.source().column(),
        user.groups().stream().map(g -> g.name().value()).sorted().toList(),
        user.createdAt());
  }

  static GroupView group(Group group) {
    return new GroupView(
        group.id(),
        group.name().value(),
        group.description(),
        group.members().stream().map(u -> u.username().value()).sorted().toList(),
        group.createdAt());
  }

  static LocationView location(Location location) {
    return new LocationView(
        location.id(),
        location.name().value(),
        location.interfaceAddresses().stream().map(Cidr::toString).toList(),
        location.endpoint().host(),
        location.endpoint().port(),
        location.listenPort(),
        location.allowedIps().stream().map(Cidr::toString).toList(),
        location.dns(),
        location.mtu(),
        location.persistentKeepalive(),
        location.mfaRequired(),
        location.allowedGroups().stream().map(g -> g.name().value()).sorted().toList(),
        location.publicKey().base64(),
        location.createdAt());
  }

  static DeviceView device(Device device) {
    return new DeviceView(
        device.id(),
        device.owner().id(),
        device.owner().username().value(),
        device.name().value(),
        device.publicKey().base64(),
        device.addresses().stream()
            .sorted(Comparator.comparing((io.portcullis.core.domain.model.device.DeviceAddress a) -> a.location().id())
                .thenComparing(a -> a.address()))
            .map(a -> new DeviceView.Assignment(
                a.location().id(), a.location().name().value(), a.pool(), a.address().toString()))
            .toList(),
        device.createdAt());
  }

  static GatewayView gateway(Gateway gateway) {
    return new GatewayView(
        gateway.id(),
        gateway.location().id(),
        gateway.location().name().value(),
        gateway.name().value(),
        gateway.createdAt(),
        gateway.lastSeenAt());
  }

  static AuditView audit(AuditEvent event) {
    return new AuditView(
        event.id(),
        event.occurredAt(),
        event.actor(),
        event.action().name(),
        event.objectType(),
        event.objectId(),
        event.objectName(),
        event.beforeState(),
        event.afterState());
  }
}
