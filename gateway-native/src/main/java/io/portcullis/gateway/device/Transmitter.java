package io.portcullis.gateway.device;

import io.portcullis.gateway.crypto.ChaCha20Poly1305;
import io.portcullis.gateway.device.DeviceCounters.Stat;
import io.portcullis.gateway.noise.Keypair;
import io.portcullis.gateway.peer.Peer;
import io.portcullis.gateway.wire.MessageTransport;
import io.portcullis.gateway.wire.Protocol;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * Encrypts one IP packet (or a keepalive) for a peer with its current keypair and sends it (paper 5.4.6),
 * applying the send-side rules of section 6: never past REJECT_AFTER_TIME/MESSAGES, rekey after
 * REKEY_AFTER_TIME/MESSAGES, and the timer events of a sent packet.
 *
 * <p>One instance per sending thread (the send path, the handshake thread); it owns a scratch buffer.
 */
final class Transmitter {
  private final UserspaceDevice device;
  private final byte[] scratch = new byte[Limits.BUFFER_SIZE];

  Transmitter(UserspaceDevice device) {
    this.device = device;
  }

  /**
   * Sends {@code len} bytes of IP packet at {@code buf[payloadOff..]}; {@code payloadOff} must leave 16 bytes of
   * headroom and the buffer room for 15 bytes of padding and the 16-byte tag. Returns false, having done
   * nothing, when the peer has no usable keypair (the caller stages the packet and asks for a handshake).
   */
  boolean send(Peer peer, byte[] buf, int payloadOff, int len, long now) {
    long state = seal(peer, buf, payloadOff, len, now);
    if (state == NO_SESSION) {
      return false;
    }
    if (state == DROPPED) {
      return true;
    }
    try {
      device.bind.send(buf, payloadOff - Protocol.MESSAGE_TRANSPORT_HEADER_SIZE, (int) state, sealedTo);
    } catch (IOException e) {
      device.counters.drop(DropReason.TX_SEND_FAILED);
    } finally {
      sealedTo = null;
    }
    return true;
  }

  /** {@link #seal} result: the peer has no usable keypair; nothing was done. */
  static final long NO_SESSION = -1;

  /** {@link #seal} result: the packet was dropped and counted (no endpoint). */
  static final long DROPPED = 0;

  /** The endpoint of the last successful {@link #prepare}; read it right after the call. */
  InetSocketAddress sealedTo;

  /** The send key of the last successful {@link #prepare}. */
  byte[] preparedKey;

  /** The counter (nonce) of the last successful {@link #prepare}. */
  long preparedCounter;

  /** The padded plaintext length of the last successful {@link #prepare}. */
  int preparedLength;

  /**
   * {@link #prepare} and {@link #encrypt} in one: the packet is ready to send.
   *
   * @return as {@link #prepare}
   */
  long seal(Peer peer, byte[] buf, int payloadOff, int len, long now) {
    long total = prepare(peer, buf, payloadOff, len, now);
    if (total > 0) {
      encrypt(preparedKey, preparedCounter, buf, payloadOff, preparedLength);
    }
    return total;
  }

  /**
   * Everything of sending the IP packet at {@code buf[payloadOff..payloadOff+len)} to {@code peer} except the AEAD
   * and the send: takes the next counter of the current keypair, pads the packet, writes the transport header in
   * the 16 bytes in front of it, and applies every send-side rule and timer event of a sent packet. The caller
   * then runs {@link #encrypt} with {@link #preparedKey}, {@link #preparedCounter} and {@link #preparedLength}
   * (on any thread) and sends the datagram to {@link #sealedTo}.
   *
   * @return the datagram length (starting at {@code payloadOff - 16}); {@link #NO_SESSION} or {@link #DROPPED}
   */
  long prepare(Peer peer, byte[] buf, int payloadOff, int len, long now) {
    Keypair kp = peer.sendingKeypair();
    long counter = kp == null ? -1 : kp.nextSendCounter(now);
    if (counter < 0) {
      return NO_SESSION;
    }
    InetSocketAddress ep = peer.endpoint();
    if (ep == null) {
      device.counters.drop(DropReason.TX_NO_ENDPOINT);
      return DROPPED;
    }
    int padded = len == 0 ? 0 : MessageTransport.paddedLength(len, device.mtu);
    Arrays.fill(buf, payloadOff + len, payloadOff + padded, (byte) 0);
    int header = payloadOff - Protocol.MESSAGE_TRANSPORT_HEADER_SIZE;
    MessageTransport.writeHeader(buf, header, kp.remoteIndex(), counter);
    int total = Protocol.MESSAGE_TRANSPORT_HEADER_SIZE + padded + Protocol.AEAD_TAG_SIZE;
    peer.txBytes().getAndAdd(total);
    if (len > 0) {
      device.counters.increment(Stat.TX_DATA_PACKETS);
      peer.timers().onDataSent(now);
    } else {
      device.counters.increment(Stat.TX_KEEPALIVES);
    }
    peer.timers().onAnyAuthenticatedPacketSent();
    peer.timers().onAnyAuthenticatedPacketTraversal(now);
    // Paper 6.2: the initiator rekeys after REKEY_AFTER_TIME; anyone after REKEY_AFTER_MESSAGES.
    if (Long.compareUnsigned(counter, Protocol.REKEY_AFTER_MESSAGES) >= 0
        || (kp.initiator() && now - kp.birthNanos() >= Protocol.REKEY_AFTER_TIME)) {
      device.requestHandshake(peer);
    }
    preparedKey = kp.sendKey();
    preparedCounter = counter;
    preparedLength = padded;
    sealedTo = ep;
    return total;
  }

  /** Encrypts {@code padded} bytes at {@code buf[payloadOff..]} in place and appends the tag; any thread. */
  static void encrypt(byte[] key, long counter, byte[] buf, int payloadOff, int padded) {
    ChaCha20Poly1305.seal(key, counter, buf, payloadOff, padded, null, 0, 0, buf, payloadOff);
  }

  /** Sends the peer's staged packets in order, as far as a session allows; the rest stays staged. */
  int flushStaged(Peer peer, long now) {
    int sent = 0;
    byte[] p;
    while ((p = peer.unstage()) != null) {
      System.arraycopy(p, 0, scratch, Limits.HEADROOM, p.length);
      if (!send(peer, scratch, Limits.HEADROOM, p.length, now)) {
        peer.restage(p);
        device.requestHandshake(peer);
        break;
      }
      sent++;
    }
    return sent;
  }

  /**
   * Sends staged packets if there are any, otherwise an empty transport message; without a session asks for a
   * handshake instead.
   */
  void sendKeepalive(Peer peer, long now) {
    if (peer.hasStaged() && flushStaged(peer, now) > 0) {
      return;
    }
    if (!send(peer, scratch, Limits.HEADROOM, 0, now)) {
      device.requestHandshake(peer);
    }
  }
}
