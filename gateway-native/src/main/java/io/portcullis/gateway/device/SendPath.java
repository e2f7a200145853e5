package io.portcullis.gateway.device;

import io.portcullis.gateway.conn.PacketBatch;
import io.portcullis.gateway.peer.Peer;
import io.portcullis.gateway.wire.Protocol;
import java.io.IOException;
import java.util.Arrays;

/**
 * The send path, one thread: TUN read (a batch) → route by destination through the allowed IPs → encrypt in
 * place with the peer's current keypair → UDP send of the whole batch in one call. Packets for a peer without a
 * session are copied to its staging queue and a handshake is requested from the handshake thread.
 *
 * <p>Order on the wire is the order read from TUN: each packet gets its counter and header on this thread, and
 * is compacted to the front of the batch (by swapping buffers); then the AEAD of the batch runs, split with a
 * {@link CryptoWorker} when the batch is large enough, and the batch goes out in one call after both halves are
 * done. Before a peer's staged packets go out, what is already prepared is sent first. Allocates nothing per packet in steady state: packets are read behind {@link Limits#HEADROOM} bytes, so
 * the transport header is written in front of them in the same buffer.
 */
final class SendPath implements Agent, CryptoWorker.Job {
  /** Below this many packets a batch is encrypted on this thread alone (the hand-off would cost more). */
  static final int PARALLEL_MIN_PACKETS = 4;

  private final UserspaceDevice device;
  private final Transmitter transmitter;
  private final PacketBatch batch =
      new PacketBatch(Limits.BATCH_SIZE, Limits.HEADROOM, Limits.BUFFER_SIZE);
  /** Prepared packets waiting at the front of {@link #batch}. */
  private int sealed;
  private final byte[][] keys = new byte[Limits.BATCH_SIZE][];
  private final long[] counters = new long[Limits.BATCH_SIZE];
  private final int[] padded = new int[Limits.BATCH_SIZE];
  private final CryptoWorker worker;

  SendPath(UserspaceDevice device, boolean parallel) {
    this.device = device;
    this.transmitter = new Transmitter(device);
    this.worker = parallel ? new CryptoWorker(device.name() + "-tx-crypto", this) : null;
  }

  @Override
  public void onClose() {
    if (worker != null) {
      worker.close();
    }
  }

  @Override
  public String roleName() {
    return device.name() + "-tx";
  }

  @Override
  public int doWork() throws Exception {
    int n = device.tun.read(batch);
    if (n <= 0) {
      if (n < 0) {
        Thread.sleep(10);
      }
      return 0;
    }
    long now = device.clock.nanoTime();
    sealed = 0;
    for (int i = 0; i < n; i++) {
      sendOne(i, now);
    }
    flush();
    return n;
  }

  private void sendOne(int i, long now) {
    byte[] buf = batch.buffer(i);
    int off = batch.offset(i);
    int len = batch.length(i);
    if (len < 1) {
      device.counters.drop(DropReason.TX_NOT_IP);
      return;
    }
    int version = (buf[off] & 0xff) >>> 4;
    Peer peer;
    if (version == 4 && len >= IpHeader.IPV4_MIN_HEADER) {
      peer = device.allowedIps.lookupV4(buf, off + IpHeader.IPV4_DST_OFFSET);
    } else if (version == 6 && len >= IpHeader.IPV6_HEADER) {
      peer = device.allowedIps.lookupV6(buf, off + IpHeader.IPV6_DST_OFFSET);
    } else {
      device.counters.drop(DropReason.TX_NOT_IP);
      return;
    }
    if (peer == null) {
      device.counters.drop(DropReason.TX_NO_ROUTE);
      return;
    }
    if (peer.hasStaged()) {
      flush(); // what is sealed was read before this packet and before nothing staged: it goes first
      transmitter.flushStaged(peer, now);
    }
    long total = transmitter.prepare(peer, buf, off, len, now);
    if (total > 0) {
      batch.swap(i, sealed);
      batch.set(sealed, off - Protocol.MESSAGE_TRANSPORT_HEADER_SIZE, (int) total);
      batch.address(sealed, transmitter.sealedTo);
      keys[sealed] = transmitter.preparedKey;
      counters[sealed] = transmitter.preparedCounter;
      padded[sealed] = transmitter.preparedLength;
      sealed++;
    } else if (total == Transmitter.NO_SESSION) {
      if (!peer.stage(Arrays.copyOfRange(buf, off, off + len), Limits.MAX_STAGED_PACKETS)) {
        device.counters.drop(DropReason.TX_STAGED_OVERFLOW);
      }
      device.requestHandshake(peer);
    }
  }

  /** Encrypts the prepared packets at the front of the batch, then sends them in one call. */
  private void flush() {
    if (sealed == 0) {
      return;
    }
    if (worker != null && sealed >= PARALLEL_MIN_PACKETS) {
      int half = sealed / 2;
      worker.fork(half, sealed);
      run(0, half);
      worker.join();
    } else {
      run(0, sealed);
    }
    try {
      device.bind.send(batch, 0, sealed);
    } catch (IOException e) {
      device.counters.drop(DropReason.TX_SEND_FAILED);
    }
    for (int k = 0; k < sealed; k++) {
      batch.address(k, null);
      keys[k] = null;
    }
    sealed = 0;
  }

  /** The AEAD of prepared packets {@code from..to}; this thread or the worker, on disjoint ranges. */
  @Override
  public void run(int from, int to) {
    for (int k = from; k < to; k++) {
      int payload = batch.offset(k) + Protocol.MESSAGE_TRANSPORT_HEADER_SIZE;
      Transmitter.encrypt(keys[k], counters[k], batch.buffer(k), payload, padded[k]);
    }
  }
}
