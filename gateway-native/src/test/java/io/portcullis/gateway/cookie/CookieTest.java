package io.portcullis.gateway.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.crypto.X25519;
import io.portcullis.gateway.noise.StaticIdentity;
import io.portcullis.gateway.time.ManualClock;
import io.portcullis.gateway.wire.MessageCookieReply;
import io.portcullis.gateway.wire.MessageInitiation;
import io.portcullis.gateway.wire.Protocol;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** MAC1, MAC2 and the cookie reply round trip (paper 5.4.4, 5.4.7) with a stepped clock. */
class CookieTest {
  static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void mac1Mac2AndCookieReplyRoundTrip() throws Exception {
    ManualClock clock = new ManualClock();
    byte[] priv = new byte[32];
    X25519.generatePrivateKey(priv, RANDOM);
    StaticIdentity responder = new StaticIdentity(priv);
    CookieChecker checker = new CookieChecker(clock, RANDOM);
    checker.identity(responder);
    CookieGenerator gen = new CookieGenerator(clock, responder.publicKey());
    InetSocketAddress src = new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 40000);
    byte[] scratch = new byte[16];

    byte[] msg = new byte[Protocol.MESSAGE_INITIATION_SIZE];
    RANDOM.nextBytes(msg);
    gen.addMacs(msg, 0, MessageInitiation.MAC1_OFFSET);
    assertThat(checker.checkMac1(msg, 0, MessageInitiation.MAC1_OFFSET, scratch)).isTrue();
    assertThat(checker.checkMac2(msg, 0, MessageInitiation.MAC1_OFFSET, src)).isFalse();
    byte[] tampered = msg.clone();
    tampered[20] ^= 1;
    assertThat(checker.checkMac1(tampered, 0, MessageInitiation.MAC1_OFFSET, scratch)).isFalse();

    byte[] reply = new byte[MessageCookieReply.SIZE];
    checker.createReply(msg, 0, MessageInitiation.MAC1_OFFSET, 77, src, reply, 0);
    assertThat(new MessageCookieReply().wrap(reply, 0).receiverIndex()).isEqualTo(77);
    byte[] badReply = reply.clone();
    badReply[40] ^= 1;
    assertThat(gen.consumeReply(badReply, 0)).isFalse();
    assertThat(gen.consumeReply(reply, 0)).isTrue();
    assertThat(gen.hasFreshCookie()).isTrue();

    byte[] again = new byte[Protocol.MESSAGE_INITIATION_SIZE];
    RANDOM.nextBytes(again);
    gen.addMacs(again, 0, MessageInitiation.MAC1_OFFSET);
    assertThat(checker.checkMac2(again, 0, MessageInitiation.MAC1_OFFSET, src)).isTrue();
    // another source address has another cookie
    InetSocketAddress other = new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 40001);
    assertThat(checker.checkMac2(again, 0, MessageInitiation.MAC1_OFFSET, other)).isFalse();

    // after COOKIE_REFRESH_TIME the secret changes and the initiator's cookie is stale
    clock.advance(Duration.ofNanos(Protocol.COOKIE_REFRESH_TIME));
    assertThat(gen.hasFreshCookie()).isFalse();
    assertThat(checker.checkMac2(again, 0, MessageInitiation.MAC1_OFFSET, src)).isFalse();
  }
}
