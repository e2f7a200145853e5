package io.portcullis.gateway.cookie;

import io.portcullis.gateway.crypto.Blake2s;
import io.portcullis.gateway.crypto.ConstantTime;
import io.portcullis.gateway.crypto.XChaCha20Poly1305;
import io.portcullis.gateway.device.Limits;
import io.portcullis.gateway.noise.StaticIdentity;
import io.portcullis.gateway.time.Clock;
import io.portcullis.gateway.wire.MessageCookieReply;
import io.portcullis.gateway.wire.Protocol;
import java.net.InetSocketAddress;
import java.security.SecureRandom;

/**
 * The responder's side of the cookie mechanism (paper 5.4.4 and 5.4.7): verifies MAC1 of incoming handshake
 * messages with our MAC1 key, and MAC2 against the cookie of the sender's address under a secret that changes
 * every COOKIE_REFRESH_TIME; builds cookie replies when the device is under load and MAC2 is missing.
 *
 * <p>MAC1 verification is thread-safe (it reads only the immutable identity); MAC2 and cookie replies hold this
 * object's lock because they may rotate the secret.
 */
public final class CookieChecker {
  private final Clock clock;
  private final SecureRandom random;
  private volatile StaticIdentity identity;
  private final byte[] secret = new byte[Protocol.KEY_SIZE];
  private long secretBirth;
  private boolean secretValid;
  private final byte[] cookie = new byte[Protocol.MAC_SIZE];
  private final byte[] mac = new byte[Protocol.MAC_SIZE];
  private final byte[] nonce = new byte[Protocol.COOKIE_NONCE_SIZE];
  private final byte[] addr = new byte[18];

  public CookieChecker(Clock clock, SecureRandom random) {
    this.clock = clock;
    this.random = random;
  }

  /** Sets the identity whose MAC1 and cookie keys are used (null: every message fails MAC1). */
  public void identity(StaticIdentity id) {
    this.identity = id;
  }

  /**
   * Whether MAC1 of the handshake message at {@code off} is correct; {@code macOffset} is the message's MAC1
   * offset (MAC2 follows it). Constant time in the MAC comparison; thread-safe; allocates nothing.
   */
  public boolean checkMac1(byte[] msg, int off, int macOffset, byte[] scratch16) {
    StaticIdentity id = identity;
    if (id == null) {
      return false;
    }
    Blake2s.mac(scratch16, 0, Protocol.MAC_SIZE, id.mac1Key(), 0, 32, msg, off, macOffset);
    return ConstantTime.equals(scratch16, 0, msg, off + macOffset, Protocol.MAC_SIZE);
  }

  /** Whether MAC2 of the message is the MAC of everything before it under the cookie of {@code source}. */
  public synchronized boolean checkMac2(byte[] msg, int off, int macOffset, InetSocketAddress source) {
    makeCookie(source);
    int mac2Offset = macOffset + Protocol.MAC_SIZE;
    Blake2s.mac(mac, 0, Protocol.MAC_SIZE, cookie, 0, Protocol.MAC_SIZE, msg, off, mac2Offset);
    return ConstantTime.equals(mac, 0, msg, off + mac2Offset, Protocol.MAC_SIZE);
  }

  /**
   * Writes a cookie reply to the handshake message at {@code off} into {@code out[outOff..+64)}: the cookie
   * of {@code source}, encrypted under our cookie key with a random nonce and the message's MAC1 as AAD.
   */
  public synchronized void createReply(
      byte[] msg, int off, int macOffset, int senderIndex, InetSocketAddress source, byte[] out, int outOff) {
    StaticIdentity id = identity;
    if (id == null) {
      return;
    }
    makeCookie(source);
    MessageCookieReply r = new MessageCookieReply().wrap(out, outOff).writeHeader().receiverIndex(senderIndex);
    random.nextBytes(nonce);
    System.arraycopy(nonce, 0, out, r.at(MessageCookieReply.NONCE_OFFSET), Protocol.COOKIE_NONCE_SIZE);
    XChaCha20Poly1305.seal(
        id.cookieKey(),
        nonce,
        cookie,
        0,
        Protocol.MAC_SIZE,
        msg,
        off + macOffset,
        Protocol.MAC_SIZE,
        out,
        r.at(MessageCookieReply.COOKIE_OFFSET));
  }

  /** cookie = MAC(secret, source IP || source port), the secret renewed when older than COOKIE_REFRESH_TIME. */
  private void makeCookie(InetSocketAddress source) {
    long now = clock.nanoTime();
    if (!secretValid || now - secretBirth >= Protocol.COOKIE_REFRESH_TIME) {
      random.nextBytes(secret);
      secretBirth = now;
      secretValid = true;
    }
    byte[] ip = source.getAddress().getAddress();
    System.arraycopy(ip, 0, addr, 0, ip.length);
    addr[ip.length] = (byte) (source.getPort() >>> 8);
    addr[ip.length + 1] = (byte) source.getPort();
    Blake2s.mac(cookie, 0, Protocol.MAC_SIZE, secret, 0, 32, addr, 0, ip.length + 2);
  }

  /** For tests: how long a cookie stays usable by an initiator. */
  public static long cookieLifetime() {
    return Protocol.COOKIE_REFRESH_TIME - Limits.COOKIE_SECRET_LATENCY;
  }
}
