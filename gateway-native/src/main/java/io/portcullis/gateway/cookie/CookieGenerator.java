package io.portcullis.gateway.cookie;

import io.portcullis.gateway.crypto.Blake2s;
import io.portcullis.gateway.crypto.XChaCha20Poly1305;
import io.portcullis.gateway.device.Limits;
import io.portcullis.gateway.noise.StaticIdentity;
import io.portcullis.gateway.time.Clock;
import io.portcullis.gateway.wire.MessageCookieReply;
import io.portcullis.gateway.wire.Protocol;

/**
 * The initiator's side of the cookie mechanism towards one peer (paper 5.4.4 and 5.4.7): adds MAC1 (under the
 * peer's MAC1 key) and, while a fresh cookie is known, MAC2 to every handshake message we send, and takes
 * cookies out of cookie replies.
 *
 * <p>Used by the handshake thread; methods hold this object's lock since configuration may replace keys.
 */
public final class CookieGenerator {
  private final Clock clock;
  private final byte[] mac1Key = new byte[Protocol.KEY_SIZE];
  private final byte[] cookieKey = new byte[Protocol.KEY_SIZE];
  private final byte[] lastMac1 = new byte[Protocol.MAC_SIZE];
  private boolean haveLastMac1;
  private final byte[] cookie = new byte[Protocol.MAC_SIZE];
  private long cookieBirth;
  private boolean haveCookie;
  private final byte[] nonce = new byte[Protocol.COOKIE_NONCE_SIZE];

  /** A generator for messages to the peer with {@code peerPublicKey}. */
  public CookieGenerator(Clock clock, byte[] peerPublicKey) {
    this.clock = clock;
    StaticIdentity.deriveMacKeys(peerPublicKey, mac1Key, cookieKey);
  }

  /**
   * Writes MAC1 and MAC2 (zero without a fresh cookie) of the handshake message at {@code off}, whose MAC1 field
   * is at {@code macOffset}, and remembers MAC1 to authenticate a cookie reply.
   */
  public synchronized void addMacs(byte[] msg, int off, int macOffset) {
    Blake2s.mac(msg, off + macOffset, Protocol.MAC_SIZE, mac1Key, 0, 32, msg, off, macOffset);
    System.arraycopy(msg, off + macOffset, lastMac1, 0, Protocol.MAC_SIZE);
    haveLastMac1 = true;
    int mac2Offset = macOffset + Protocol.MAC_SIZE;
    if (haveCookie && clock.nanoTime() - cookieBirth < Protocol.COOKIE_REFRESH_TIME - Limits.COOKIE_SECRET_LATENCY) {
      Blake2s.mac(msg, off + mac2Offset, Protocol.MAC_SIZE, cookie, 0, Protocol.MAC_SIZE, msg, off, mac2Offset);
    } else {
      java.util.Arrays.fill(msg, off + mac2Offset, off + mac2Offset + Protocol.MAC_SIZE, (byte) 0);
    }
  }

  /** Decrypts the cookie of a reply to our last message; false (nothing changed) if it does not authenticate. */
  public synchronized boolean consumeReply(byte[] msg, int off) {
    if (!haveLastMac1) {
      return false;
    }
    MessageCookieReply r = new MessageCookieReply().wrap(msg, off);
    System.arraycopy(msg, r.at(MessageCookieReply.NONCE_OFFSET), nonce, 0, Protocol.COOKIE_NONCE_SIZE);
    byte[] plain = new byte[Protocol.MAC_SIZE];
    boolean ok =
        XChaCha20Poly1305.open(
            cookieKey,
            nonce,
            msg,
            r.at(MessageCookieReply.COOKIE_OFFSET),
            MessageCookieReply.COOKIE_SIZE,
            lastMac1,
            0,
            Protocol.MAC_SIZE,
            plain,
            0);
    if (!ok) {
      return false;
    }
    System.arraycopy(plain, 0, cookie, 0, Protocol.MAC_SIZE);
    cookieBirth = clock.nanoTime();
    haveCookie = true;
    haveLastMac1 = false; // one reply per message
    return true;
  }

  /** Whether a cookie younger than its usable lifetime is known. */
  public synchronized boolean hasFreshCookie() {
    return haveCookie && clock.nanoTime() - cookieBirth < Protocol.COOKIE_REFRESH_TIME - Limits.COOKIE_SECRET_LATENCY;
  }
}
