package io.portcullis.rest.location;

import io.portcullis.core.application.LocationDraft;
import io.portcullis.core.domain.model.network.Cidr;
import io.portcullis.core.domain.model.network.Endpoint;
import io.portcullis.core.domain.model.network.Port;
import io.portcullis.core.domain.model.shared.Name;
import io.portcullis.rest.problem.FieldErrors;
import java.util.List;

/**
 * The JSON of a location in POST and PUT. {@code addresses} are the gateway's interface addresses in CIDR
 * with the host part ({@code "10.10.0.1/24"}); {@code endpoint} and {@code port} are where clients connect.
 */
public record LocationRequest(
    String name,
    List<String> addresses,
    String endpoint,
    Integer port,
    Integer listenPort,
    List<String> allowedIps,
    List<String> dns,
    Integer mtu,
    Integer persistentKeepalive,
    Boolean mfaRequired,
    List<String> allowedGroups) {

  static final int DEFAULT_PORT = 51820;
  static final int MIN_MTU = 1280;
  static final int MAX_MTU = 9000;

  LocationDraft toDraft() {
    FieldErrors errors = new FieldErrors();
    Name parsedName = errors.required("name", name, Name::of);
    if (addresses == null || addresses.isEmpty()) {
      errors.add("addresses", "at least one address pool is required, such as \"10.10.0.1/24\"");
    }
    List<Cidr> pools = errors.each("addresses", addresses, Cidr::parse);
    String host = errors.required("endpoint", endpoint, Endpoint::checkHost);
    Integer publicPort = errors.range("port", port, Port.MIN, Port.MAX, false);
    Integer listen = errors.range("listenPort", listenPort, Port.MIN, Port.MAX, false);
    List<Cidr> routes = errors.each("allowedIps", allowedIps, Cidr::parse);
    List<String> servers = errors.each("dns", dns, LocationRequest::dnsEntry);
    errors.range("mtu", mtu, MIN_MTU, MAX_MTU, false);
    errors.range("persistentKeepalive", persistentKeepalive, 0, Port.MAX, false);
    List<Name> groups = errors.each("allowedGroups", allowedGroups, Name::of);
    errors.throwIfAny();
    int effectivePort = publicPort == null ? DEFAULT_PORT : publicPort;
    return new LocationDraft(
        parsedName,
        pools,
        new Endpoint(host, effectivePort),
        listen == null ? effectivePort : listen,
        routes,
        servers,
        mtu,
        persistentKeepalive,
        mfaRequired != null && mfaRequired,
        groups);
  }

  /** A DNS server address or a search domain, as wg-quick accepts both in {@code DNS}. */
  private static String dnsEntry(String entry) {
    return Endpoint.checkHost(entry.strip());
  }
}
