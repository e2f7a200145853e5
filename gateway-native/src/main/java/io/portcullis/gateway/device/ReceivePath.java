package io.portcullis.gateway.device;

import io.portcullis.gateway.conn.PacketBatch;
import io.portcullis.gateway.crypto.ChaCha20Poly1305;
import io.portcullis.gateway.device.DeviceCounters.Stat;
import io.portcullis.gateway.noise.Keypair;
import io.portcullis.gateway.peer.IndexEntry;
import io.portcullis.gateway.peer.Peer;
import io.portcullis.gateway.wire.MessageInitiation;
import io.portcullis.gateway.wire.MessageResponse;
import io.portcullis.gateway.wire.MessageTransport;
import io.portcullis.gateway.wire.MessageType;
import io.portcullis.gateway.wire.Protocol;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The receive path, one thread: UDP receive (a batch) → classify by type and exact length → handshake messages:
 * verify MAC1, hand to the handshake thread; transport data: find the keypair by receiver index → decrypt in
 * place → replay window → roam the endpoint → confirm a pending session → check the inner packet and its source
 * against the peer's allowed IPs → TUN write.
 *
 * <p>Every check happens before the next, costlier one; a failure is a {@link DropReason} and never an
 * exception. Allocates nothing per packet except what the socket layer returns as source address.
 */
final class ReceivePath implements Agent {
  private final UserspaceDevice device;
  private final PacketBatch batch = new PacketBatch(Limits.BATCH_SIZE, 0, Limits.BUFFER_SIZE);
  private final byte[] mac = new byte[Protocol.MAC_SIZE];
  private final Keypair[] dropped = new Keypair[1];

  ReceivePath(UserspaceDevice device) {
    this.device = device;
  }

  @Override
  public String roleName() {
    return device.name() + "-rx";
  }

  @Override
  public int doWork() throws Exception {
    int n = device.bind.receive(batch);
    if (n <= 0) {
      if (n < 0) {
        Thread.sleep(10); // not bound yet
      }
      return 0;
    }
    long now = device.clock.nanoTime();
    for (int i = 0; i < n; i++) {
      receive(batch.buffer(i), batch.offset(i), batch.length(i), batch.address(i), now);
    }
    return n;
  }

  /** Handles one datagram; package-private for the fuzz test. */
  void receive(byte[] buf, int off, int len, InetSocketAddress from, long now) {
    switch (MessageType.classify(buf, off, len)) {
      case Protocol.MESSAGE_INITIATION_TYPE -> handshake(buf, off, len, from, MessageInitiation.MAC1_OFFSET);
      case Protocol.MESSAGE_RESPONSE_TYPE -> handshake(buf, off, len, from, MessageResponse.MAC1_OFFSET);
      case Protocol.MESSAGE_COOKIE_REPLY_TYPE -> device.handshakes.enqueue(buf, off, len, from);
      case Protocol.MESSAGE_TRANSPORT_TYPE -> data(buf, off, len, from, now);
      default -> device.counters.drop(DropReason.MALFORMED);
    }
  }

  private void handshake(byte[] buf, int off, int len, InetSocketAddress from, int mac1Offset) {
    if (!device.cookieChecker.checkMac1(buf, off, mac1Offset, mac)) {
      device.counters.drop(DropReason.MAC1_INVALID);
      return;
    }
    device.handshakes.enqueue(buf, off, len, from);
  }

  private void data(byte[] buf, int off, int len, InetSocketAddress from, long now) {
    IndexEntry entry = device.index.lookup(MessageTransport.receiverIndex(buf, off));
    if (entry == null || entry.keypair() == null) {
      device.counters.drop(DropReason.DATA_UNKNOWN_INDEX);
      return;
    }
    Keypair kp = entry.keypair();
    long counter = MessageTransport.counter(buf, off);
    if (!kp.receiveValid(now) || !Protocol.counterBelowRejectLimit(counter)) {
      device.counters.drop(DropReason.DATA_KEYPAIR_EXPIRED);
      return;
    }
    int payload = off + MessageTransport.DATA_OFFSET;
    int sealed = len - MessageTransport.DATA_OFFSET;
    if (!ChaCha20Poly1305.open(kp.receiveKey(), counter, buf, payload, sealed, null, 0, 0, buf, payload)) {
      device.counters.drop(DropReason.DATA_DECRYPT_FAILED);
      return;
    }
    if (!kp.replay().accept(counter)) {
      device.counters.drop(DropReason.DATA_REPLAYED);
      return;
    }
    Peer peer = entry.peer();
    if (!from.equals(peer.endpoint())) {
      peer.endpoint(from); // paper 2.1: roaming to the source of the latest authenticated packet
      device.counters.increment(Stat.ENDPOINT_ROAMED);
    }
    if (kp == peer.keypairs().next() && peer.keypairs().confirm(kp, dropped)) {
      device.retire(peer, dropped[0]);
      dropped[0] = null;
      peer.timers().onHandshakeComplete();
      peer.lastHandshakeEpochNanos(device.clock.epochNanos());
      device.requestFlush(peer);
    }
    keepKeyFreshReceiving(peer, now);
    peer.timers().onAnyAuthenticatedPacketReceived();
    peer.timers().onAnyAuthenticatedPacketTraversal(now);
    peer.rxBytes().getAndAdd(len);
    int plain = sealed - Protocol.AEAD_TAG_SIZE;
    if (plain == 0) {
      device.counters.increment(Stat.RX_KEEPALIVES);
      return;
    }
    int ipLen = IpHeader.innerLength(buf, payload, plain);
    if (ipLen < 0) {
      device.counters.drop(DropReason.DATA_NOT_IP);
      return;
    }
    Peer owner =
        (buf[payload] & 0xf0) == 0x40
            ? device.allowedIps.lookupV4(buf, payload + IpHeader.IPV4_SRC_OFFSET)
            : device.allowedIps.lookupV6(buf, payload + IpHeader.IPV6_SRC_OFFSET);
    if (owner != peer) {
      device.counters.drop(DropReason.DATA_SOURCE_NOT_ALLOWED);
      return;
    }
    peer.timers().onDataReceived(now);
    try {
      device.tun.write(buf, payload, ipLen);
      device.counters.increment(Stat.RX_DATA_PACKETS);
    } catch (IOException e) {
      device.counters.drop(DropReason.TUN_WRITE_FAILED);
    }
  }

  /** Paper 6.2: an initiator whose session nears REJECT_AFTER_TIME rekeys once, even if it sends nothing. */
  private void keepKeyFreshReceiving(Peer peer, long now) {
    Keypair current = peer.keypairs().current();
    if (current != null
        && current.initiator()
        && !peer.sentLastMinuteHandshake()
        && now - current.birthNanos()
            >= Protocol.REJECT_AFTER_TIME - Protocol.KEEPALIVE_TIMEOUT - Protocol.REKEY_TIMEOUT) {
      peer.sentLastMinuteHandshake(true);
      device.requestHandshake(peer);
    }
  }
}
