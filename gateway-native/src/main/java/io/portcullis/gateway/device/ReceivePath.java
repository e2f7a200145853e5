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
 * <p>A batch goes through in three phases: classification and index lookup on this thread; the AEAD (open),
 * split with a {@link CryptoWorker} when enough data packets came; then, again on this thread and in arrival
 * order, the replay window and everything after it. Only authenticated counters reach the replay window, and the
 * TUN sees packets in the order the socket delivered them.
 *
 * <p>Every check happens before the next, costlier one; a failure is a {@link DropReason} and never an
 * exception. Allocates nothing per packet (the bind caches source addresses).
 */
final class ReceivePath implements Agent, CryptoWorker.Job {
  /** Below this many data packets a batch is decrypted on this thread alone (the hand-off would cost more). */
  static final int PARALLEL_MIN_PACKETS = 4;

  private final UserspaceDevice device;
  private final PacketBatch batch = new PacketBatch(Limits.BATCH_SIZE, 0, Limits.BUFFER_SIZE);
  private final byte[] mac = new byte[Protocol.MAC_SIZE];
  private final Keypair[] dropped = new Keypair[1];
  private final IndexEntry[] entries = new IndexEntry[Limits.BATCH_SIZE];
  private final long[] counters = new long[Limits.BATCH_SIZE];
  private final boolean[] opened = new boolean[Limits.BATCH_SIZE];
  private final CryptoWorker worker;

  ReceivePath(UserspaceDevice device, boolean parallel) {
    this.device = device;
    this.worker = parallel ? new CryptoWorker(device.name() + "-rx-crypto", this) : null;
  }

  @Override
  public String roleName() {
    return device.name() + "-rx";
  }

  @Override
  public void onClose() {
    if (worker != null) {
      worker.close();
    }
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
    int data = 0;
    for (int i = 0; i < n; i++) {
      IndexEntry e = classify(batch.buffer(i), batch.offset(i), batch.length(i), batch.address(i), now);
      entries[i] = e;
      if (e != null) {
        counters[i] = MessageTransport.counter(batch.buffer(i), batch.offset(i));
        data++;
      }
    }
    if (data == 0) {
      return n;
    }
    if (worker != null && data >= PARALLEL_MIN_PACKETS) {
      int half = n / 2;
      worker.fork(half, n);
      run(0, half);
      worker.join();
    } else {
      run(0, n);
    }
    for (int i = 0; i < n; i++) {
      IndexEntry e = entries[i];
      if (e == null) {
        continue;
      }
      entries[i] = null;
      if (!opened[i]) {
        device.counters.drop(DropReason.DATA_DECRYPT_FAILED);
        continue;
      }
      deliver(e, counters[i], batch.buffer(i), batch.offset(i), batch.length(i), batch.address(i), now);
    }
    flushTun();
    return n;
  }

  /** The AEAD of the data packets among {@code from..to}; this thread or the worker, on disjoint ranges. */
  @Override
  public void run(int from, int to) {
    for (int i = from; i < to; i++) {
      IndexEntry e = entries[i];
      if (e != null) {
        opened[i] = open(e.keypair(), counters[i], batch.buffer(i), batch.offset(i), batch.length(i));
      }
    }
  }

  /** Handles one datagram from start to end; package-private for the fuzz test. */
  void receive(byte[] buf, int off, int len, InetSocketAddress from, long now) {
    IndexEntry e = classify(buf, off, len, from, now);
    if (e == null) {
      return;
    }
    long counter = MessageTransport.counter(buf, off);
    if (!open(e.keypair(), counter, buf, off, len)) {
      device.counters.drop(DropReason.DATA_DECRYPT_FAILED);
      return;
    }
    deliver(e, counter, buf, off, len, from, now);
    flushTun();
  }

  /** Writes what the TUN port kept back for coalescing; before the batch's buffers are reused. */
  private void flushTun() {
    try {
      device.tun.flush();
    } catch (IOException e) {
      device.counters.drop(DropReason.TUN_WRITE_FAILED);
    }
  }

  /**
   * Handles a handshake message or a bad datagram completely; for a transport data message whose keypair may
   * receive returns its index entry (the AEAD comes next), else null.
   */
  private IndexEntry classify(byte[] buf, int off, int len, InetSocketAddress from, long now) {
    switch (MessageType.classify(buf, off, len)) {
      case Protocol.MESSAGE_INITIATION_TYPE -> handshake(buf, off, len, from, MessageInitiation.MAC1_OFFSET);
      case Protocol.MESSAGE_RESPONSE_TYPE -> handshake(buf, off, len, from, MessageResponse.MAC1_OFFSET);
      case Protocol.MESSAGE_COOKIE_REPLY_TYPE -> device.handshakes.enqueue(buf, off, len, from);
      case Protocol.MESSAGE_TRANSPORT_TYPE -> {
        return dataEntry(buf, off, now);
      }
      default -> device.counters.drop(DropReason.MALFORMED);
    }
    return null;
  }

  private void handshake(byte[] buf, int off, int len, InetSocketAddress from, int mac1Offset) {
    if (!device.cookieChecker.checkMac1(buf, off, mac1Offset, mac)) {
      device.counters.drop(DropReason.MAC1_INVALID);
      return;
    }
    device.handshakes.enqueue(buf, off, len, from);
  }

  private IndexEntry dataEntry(byte[] buf, int off, long now) {
    IndexEntry entry = device.index.lookup(MessageTransport.receiverIndex(buf, off));
    if (entry == null || entry.keypair() == null) {
      device.counters.drop(DropReason.DATA_UNKNOWN_INDEX);
      return null;
    }
    Keypair kp = entry.keypair();
    long counter = MessageTransport.counter(buf, off);
    if (!kp.receiveValid(now) || !Protocol.counterBelowRejectLimit(counter)) {
      device.counters.drop(DropReason.DATA_KEYPAIR_EXPIRED);
      return null;
    }
    return entry;
  }

  /** Authenticates and decrypts in place; any thread. */
  private static boolean open(Keypair kp, long counter, byte[] buf, int off, int len) {
    int payload = off + MessageTransport.DATA_OFFSET;
    int sealed = len - MessageTransport.DATA_OFFSET;
    return ChaCha20Poly1305.open(kp.receiveKey(), counter, buf, payload, sealed, null, 0, 0, buf, payload);
  }

  /** Everything after a successful AEAD, in arrival order on this thread: replay window first. */
  private void deliver(
      IndexEntry entry, long counter, byte[] buf, int off, int len, InetSocketAddress from, long now) {
    Keypair kp = entry.keypair();
    if (!kp.replay().accept(counter)) {
      device.counters.drop(DropReason.DATA_REPLAYED);
      return;
    }
    int payload = off + MessageTransport.DATA_OFFSET;
    int sealed = len - MessageTransport.DATA_OFFSET;
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
