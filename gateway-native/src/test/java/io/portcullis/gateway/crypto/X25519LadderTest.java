package io.portcullis.gateway.crypto;

import static io.portcullis.gateway.crypto.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.portcullis.gateway.crypto.Vectors.WycheproofCase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import jdk.incubator.vector.LongVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The vector ladder against its scalar twin, and both against Wycheproof and RFC 7748. */
class X25519LadderTest {

  /** The scalar ladder, and the vector ladder when it can run here. */
  static Stream<Boolean> ladders() {
    List<Boolean> ladders = new ArrayList<>();
    ladders.add(false);
    if (VectorX25519.unavailabilityCause() == null && VectorX25519.selfTest() == null) {
      ladders.add(true);
    }
    return ladders.stream();
  }

  @Test
  void theVectorLadderIsChosenWhereVectorsAre512BitsWide() throws InterruptedException {
    assumeTrue(LongVector.SPECIES_PREFERRED.vectorBitSize() >= 512, "no 512-bit vectors on this machine");
    assertThat(VectorX25519.unavailabilityCause()).isNull();
    assertThat(VectorX25519.selfTest()).isNull();
    // The switch happens once a background warm-up has run; a minute is far more than it takes on a loaded machine.
    X25519.publicKey(new byte[32], new byte[32]);
    assertThat(X25519.awaitVectorLadder(60_000)).as(X25519.ladderDescription()).isTrue();
    assertThat(X25519.ladderDescription()).startsWith("vector-8x64");
  }

  @ParameterizedTest
  @MethodSource("ladders")
  void wycheproofWithEachLadder(boolean vector) {
    int count = 0;
    for (WycheproofCase c : Vectors.wycheproof("wycheproof_x25519_test.json")) {
      byte[] out = new byte[32];
      boolean nonZero = X25519.scalarMult(out, c.bytes("private"), c.bytes("public"), vector);
      assertThat(hex(out)).as(c.toString()).isEqualTo(c.get("shared"));
      assertThat(nonZero).as(c.toString()).isEqualTo(!c.get("shared").equals("00".repeat(32)));
      count++;
    }
    assertThat(count).isEqualTo(518);
  }

  @ParameterizedTest
  @MethodSource("ladders")
  void rfc7748Section52IteratedOneThousandTimes(boolean vector) {
    byte[] k = new byte[32];
    k[0] = 9;
    byte[] u = k.clone();
    byte[] next = new byte[32];
    for (int i = 0; i < 1000; i++) {
      X25519.scalarMult(next, k, u, vector);
      u = k;
      k = next.clone();
    }
    assertThat(hex(k)).isEqualTo("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51");
  }

  @Test
  void vectorAndScalarLaddersAgreeOnRandomAndExtremeInputs() {
    assumeTrue(VectorX25519.unavailabilityCause() == null, "vector ladder unavailable here");
    assertThat(VectorX25519.selfTest()).isNull();
    SplittableRandom random = new SplittableRandom(7748);
    List<byte[]> points = new ArrayList<>();
    // u = 0, 1, p - 1, p, p + 1, 2^255 - 1 (non-canonical and top bit set), all-ones limbs: every carry path.
    points.add(new byte[32]);
    points.add(littleEndian(1));
    byte[] p = hex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
    points.add(minus(p, 1));
    points.add(p);
    points.add(hex("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"));
    byte[] ones = new byte[32];
    Arrays.fill(ones, (byte) 0xff);
    points.add(ones);
    for (int i = 0; i < 400; i++) {
      points.add(ChaCha20Poly1305Test.bytes(random, 32));
    }
    for (byte[] point : points) {
      byte[] scalar = ChaCha20Poly1305Test.bytes(random, 32);
      byte[] want = new byte[32];
      byte[] got = new byte[32];
      boolean wantNonZero = X25519.scalarMult(want, scalar, point, false);
      boolean gotNonZero = X25519.scalarMult(got, scalar, point, true);
      assertThat(hex(got)).as("point %s", hex(point)).isEqualTo(hex(want));
      assertThat(gotNonZero).isEqualTo(wantNonZero);
    }
  }

  private static byte[] littleEndian(int v) {
    byte[] b = new byte[32];
    b[0] = (byte) v;
    return b;
  }

  private static byte[] minus(byte[] a, int v) {
    byte[] b = a.clone();
    b[0] -= (byte) v; // no borrow: the low byte of p is 0xed
    return b;
  }
}
