package io.portcullis.core.application;

import java.time.Instant;
import java.util.List;

/** A location as the API shows it, without its private key; {@code allowedGroups} are group names. */
public record LocationView(
    long id,
    String name,
    List<String> addresses,
    String endpoint,
    int port,
    int listenPort,
    List<String> allowedIps,
    List<String> dns,
    Integer mtu,
    Integer persistentKeepalive,
    boolean mfaRequired,
    List<String> allowedGroups,
    String publicKey,
    Instant createdAt) {}
