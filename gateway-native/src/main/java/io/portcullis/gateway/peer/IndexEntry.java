package io.portcullis.gateway.peer;

import io.portcullis.gateway.noise.Keypair;

/**
 * What a receiver index names: a peer's handshake in flight ({@code keypair == null}) or one of its keypairs.
 *
 * @param peer the peer the index belongs to
 * @param keypair the keypair, or null for the handshake
 */
public record IndexEntry(Peer peer, Keypair keypair) {}
