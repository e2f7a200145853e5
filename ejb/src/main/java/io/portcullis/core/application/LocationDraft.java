package io.portcullis.core.application;

import io.portcullis.core.domain.model.network.Cidr;
import io.portcullis.core.domain.model.network.Endpoint;
import io.portcullis.core.domain.model.shared.Name;
import java.util.List;
import java.util.Objects;

/**
 * What a location should look like, for create and full update. {@code addresses} are the gateway's
 * interface addresses ({@code 10.10.0.1/24}), one per pool; empty {@code allowedIps} means the pools'
 * networks; {@code allowedGroups} are group names (empty = everyone).
 */
public record LocationDraft(
    Name name,
    List<Cidr> addresses,
    Endpoint endpoint,
    int listenPort,
    List<Cidr> allowedIps,
    List<String> dns,
    Integer mtu,
    Integer persistentKeepalive,
    boolean mfaRequired,
    List<Name> allowedGroups) {

  public LocationDraft {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(endpoint, "endpoint");
    addresses = List.copyOf(addresses);
    allowedIps = List.copyOf(allowedIps);
    dns = List.copyOf(dns);
    allowedGroups = List.copyOf(allowedGroups);
  }
}
