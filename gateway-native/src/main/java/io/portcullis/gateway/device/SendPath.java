package io.portcullis.gateway.device;

import io.portcullis.gateway.conn.PacketBatch;
import io.portcullis.gateway.peer.Peer;
import java.util.Arrays;

/**
 * The send path, one thread: TUN read (a batch) → route by destination through the allowed IPs → encrypt in
 * place with the peer's current keypair → UDP send. Packets for a peer without a session are copied to its
 * staging queue and a handshake is requested from the handshake thread.
 *
 * <p>Allocates nothing per packet in steady state: packets are read behind {@link Limits#HEADROOM} bytes, so the
 * transport header is written in front of them in the same buffer.
 */
final class SendPath implements Agent {
  private final UserspaceDevice device;
  private final Transmitter transmitter;
  private final PacketBatch batch =
      new PacketBatch(Limits.BATCH_SIZE, Limits.HEADROOM, Limits.BUFFER_SIZE);

  SendPath(UserspaceDevice device) {
    this.device = device;
    this.transmitter = new Transmitter(device);
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
    for (int i = 0; i < n; i++) {
      sendOne(batch.buffer(i), batch.offset(i), batch.length(i), now);
    }
    return n;
  }

  private void sendOne(byte[] buf, int off, int len, long now) {
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
      transmitter.flushStaged(peer, now);
    }
    if (!transmitter.send(peer, buf, off, len, now)) {
      if (!peer.stage(Arrays.copyOfRange(buf, off, off + len), Limits.MAX_STAGED_PACKETS)) {
        device.counters.drop(DropReason.TX_STAGED_OVERFLOW);
      }
      device.requestHandshake(peer);
    }
  }
}
