package io.portcullis.gateway.crypto;

import static io.portcullis.gateway.crypto.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import jdk.incubator.vector.LongVector;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Poly1305's vector loop against its scalar twin, and both against RFC 8439 and BouncyCastle. */
class Poly1305Test {

  /** The scalar loop, and the vector loop when it can run here. */
  static Stream<Boolean> loops() {
    List<Boolean> loops = new ArrayList<>();
    loops.add(false);
    if (VectorPoly1305.unavailabilityCause() == null) {
      loops.add(true);
    }
    return loops.stream();
  }

  @Test
  void theVectorLoopIsChosenWhereVectorsAre512BitsWide() {
    assumeTrue(LongVector.SPECIES_PREFERRED.vectorBitSize() >= 512, "no 512-bit vectors on this machine");
    assertThat(VectorPoly1305.unavailabilityCause()).isNull();
    assertThat(Poly1305.loopDescription()).startsWith("vector-512");
  }

  @ParameterizedTest
  @MethodSource("loops")
  void rfc8439Section252(boolean vector) {
    Poly1305 poly = new Poly1305(vector);
    poly.init(hex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b"), 0);
    byte[] msg = "Cryptographic Forum Research Group".getBytes(StandardCharsets.US_ASCII);
    poly.update(msg, 0, msg.length);
    byte[] tag = new byte[16];
    poly.finish(tag, 0);
    assertThat(hex(tag)).isEqualTo("a8061dc1305136c6c22b8baf0c0127a9");
  }

  @Test
  void vectorAndScalarLoopsAgreeOnEveryLengthUpTo4096() {
    assumeTrue(VectorPoly1305.unavailabilityCause() == null, "vector loop unavailable here");
    SplittableRandom random = new SplittableRandom(4096);
    Poly1305 scalar = new Poly1305(false);
    Poly1305 vector = new Poly1305(true);
    for (int len = 0; len <= 4096; len++) {
      byte[] key = ChaCha20Poly1305Test.bytes(random, 32);
      int kind = len % 5;
      if (kind == 1) {
        // The largest clamped r and an all-ones s: the biggest limbs and powers the loops can see.
        Arrays.fill(key, (byte) 0xff);
      }
      int off = random.nextInt(17);
      byte[] msg = kind == 2 ? ChaCha20Poly1305Test.filled(off + len, (byte) 0xff)
          : ChaCha20Poly1305Test.bytes(random, off + len);
      byte[] want = new byte[16];
      byte[] got = new byte[16];
      scalar.init(key, 0);
      scalar.update(msg, off, len);
      scalar.finish(want, 0);
      vector.init(key, 0);
      // Split the message in three so the vector loop also starts and ends off the message's edges.
      int a = len == 0 ? 0 : random.nextInt(len + 1);
      int b = a + (len == a ? 0 : random.nextInt(len - a + 1));
      vector.update(msg, off, a);
      vector.update(msg, off + a, b - a);
      vector.update(msg, off + b, len - b);
      vector.finish(got, 0);
      assertThat(hex(got)).as("length %d, splits %d/%d", len, a, b).isEqualTo(hex(want));
    }
  }

  @Test
  void theAeadsPaddedUpdatesAgreeBetweenLoops() {
    assumeTrue(VectorPoly1305.unavailabilityCause() == null, "vector loop unavailable here");
    SplittableRandom random = new SplittableRandom(8439);
    Poly1305 scalar = new Poly1305(false);
    Poly1305 vector = new Poly1305(true);
    for (int i = 0; i < 2000; i++) {
      byte[] key = ChaCha20Poly1305Test.bytes(random, 32);
      int aLen = random.nextInt(4) == 0 ? random.nextInt(600) : random.nextInt(20);
      int ctLen = random.nextInt(3000);
      byte[] aad = ChaCha20Poly1305Test.bytes(random, aLen);
      byte[] ct = ChaCha20Poly1305Test.bytes(random, ctLen);
      byte[] want = new byte[16];
      byte[] got = new byte[16];
      for (Poly1305 poly : List.of(scalar, vector)) {
        poly.init(key, 0);
        poly.updatePadded(aad, 0, aLen);
        poly.updatePadded(ct, 0, ctLen);
        poly.updateLengths(aLen, ctLen);
        poly.finish(poly == scalar ? want : got, 0);
      }
      assertThat(hex(got)).as("aad %d, ciphertext %d", aLen, ctLen).isEqualTo(hex(want));
      // The AEAD's combined call (padded ciphertext and length block together) gives the same tag on both loops.
      for (Poly1305 poly : List.of(scalar, vector)) {
        byte[] combined = new byte[16];
        poly.init(key, 0);
        poly.updatePadded(aad, 0, aLen);
        poly.updatePaddedThenLengths(ct, 0, ctLen, aLen);
        poly.finish(combined, 0);
        assertThat(hex(combined)).as("combined, aad %d, ciphertext %d", aLen, ctLen).isEqualTo(hex(want));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("loops")
  void matchesBouncyCastleOnRandomAndExtremeMessages(boolean vector) {
    SplittableRandom random = new SplittableRandom(1305);
    Poly1305 ours = new Poly1305(vector);
    for (int i = 0; i < 1000; i++) {
      byte[] key = ChaCha20Poly1305Test.bytes(random, 32);
      int len = random.nextInt(i % 2 == 0 ? 300 : 5000);
      byte[] msg = random.nextInt(4) == 0 ? ChaCha20Poly1305Test.filled(len, (byte) 0xff)
          : ChaCha20Poly1305Test.bytes(random, len);
      if (i % 7 == 0) {
        Arrays.fill(key, 0, 16, (byte) 0xff);
      }
      org.bouncycastle.crypto.macs.Poly1305 bc = new org.bouncycastle.crypto.macs.Poly1305();
      bc.init(new KeyParameter(key));
      bc.update(msg, 0, msg.length);
      byte[] want = new byte[16];
      bc.doFinal(want, 0);
      ours.init(key, 0);
      ours.update(msg, 0, msg.length);
      byte[] got = new byte[16];
      ours.finish(got, 0);
      assertThat(hex(got)).as("message of %d bytes", msg.length).isEqualTo(hex(want));
    }
  }
}
