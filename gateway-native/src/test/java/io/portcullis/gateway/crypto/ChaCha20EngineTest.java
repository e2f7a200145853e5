package io.portcullis.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.bouncycastle.crypto.engines.ChaCha7539Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;

/** The vector engine against its scalar twin, and both against BouncyCastle's ChaCha20, on random lengths. */
class ChaCha20EngineTest {

  @Test
  void theVectorEngineIsAvailableUnderTheBuildsFlags() {
    // surefire runs with --add-modules=jdk.incubator.vector on an AVX2 machine; a silent fallback would hide a bug.
    assertThat(VectorChaCha20.unavailabilityCause()).isNull();
  }

  @Test
  void vectorAndScalarAgreeOnRandomLengthsCountersAndOffsets() {
    ScalarChaCha20 scalar = new ScalarChaCha20();
    VectorChaCha20 vector = new VectorChaCha20();
    SplittableRandom random = new SplittableRandom(20);
    for (int i = 0; i < 3000; i++) {
      int len = i <= 2000 ? i : random.nextInt(2001);
      int[] key = random.ints(8).toArray();
      // Counters near 2^32 check that both wrap the 32-bit block counter the same way.
      int counter = random.nextInt(4) == 0 ? -1 - random.nextInt(40) : random.nextInt();
      int n0 = random.nextInt(), n1 = random.nextInt(), n2 = random.nextInt();
      int inOff = random.nextInt(17), outOff = random.nextInt(17);
      byte[] in = ChaCha20Poly1305Test.bytes(random, inOff + len);
      byte[] a = new byte[outOff + len + 5];
      byte[] b = new byte[outOff + len + 5];
      scalar.xor(key, counter, n0, n1, n2, in, inOff, a, outOff, len);
      vector.xor(key, counter, n0, n1, n2, in, inOff, b, outOff, len);
      assertThat(b).as("length %d, counter %d", len, counter).isEqualTo(a);
    }
  }

  @Test
  void polyKeyThenXorFromBlockOneIsTheSameStreamAndNeverReusesAnotherKeysBlocks() {
    SplittableRandom random = new SplittableRandom(22);
    ScalarChaCha20 scalar = new ScalarChaCha20();
    for (ChaCha20Engine engine : ChaCha20Poly1305Test.engines().toList()) {
      for (int i = 0; i < 200; i++) {
        int[] key = random.ints(8).toArray();
        int[] other = key.clone();
        other[random.nextInt(8)] ^= 1 << random.nextInt(32);
        int n0 = random.nextInt(), n1 = random.nextInt(), n2 = random.nextInt();
        byte[] in = ChaCha20Poly1305Test.bytes(random, random.nextInt(1500));
        int[] want = new int[16];
        ScalarChaCha20.block(key, 0, n0, n1, n2, want);
        byte[] expected = new byte[in.length];
        scalar.xor(key, 1, n0, n1, n2, in, 0, expected, 0, in.length);
        byte[] expectedOther = new byte[in.length];
        scalar.xor(other, 1, n0, n1, n2, in, 0, expectedOther, 0, in.length);

        int[] got = new int[16];
        engine.polyKey(key, n0, n1, n2, got);
        assertThat(java.util.Arrays.copyOf(got, 8)).isEqualTo(java.util.Arrays.copyOf(want, 8));
        byte[] out = new byte[in.length];
        engine.xor(key, 1, n0, n1, n2, in, 0, out, 0, in.length);
        assertThat(out).as("%s, %d bytes after polyKey", engine.name(), in.length).isEqualTo(expected);

        engine.polyKey(key, n0, n1, n2, got);
        engine.xor(other, 1, n0, n1, n2, in, 0, out, 0, in.length);
        assertThat(out).as("%s, other key after polyKey", engine.name()).isEqualTo(expectedOther);
        engine.polyKey(key, n0, n1, n2, got);
        engine.xor(key, 1, n0 ^ 1, n1, n2, in, 0, out, 0, in.length);
        byte[] expectedNonce = new byte[in.length];
        scalar.xor(key, 1, n0 ^ 1, n1, n2, in, 0, expectedNonce, 0, in.length);
        assertThat(out).as("%s, other nonce after polyKey", engine.name()).isEqualTo(expectedNonce);
      }
    }
  }

  @Test
  void bothEnginesMatchBouncyCastleInPlace() {
    SplittableRandom random = new SplittableRandom(21);
    for (ChaCha20Engine engine : ChaCha20Poly1305Test.engines().toList()) {
      for (int i = 0; i < 200; i++) {
        byte[] key = ChaCha20Poly1305Test.bytes(random, 32);
        byte[] nonce = ChaCha20Poly1305Test.bytes(random, 12);
        byte[] msg = ChaCha20Poly1305Test.bytes(random, random.nextInt(2001));
        ChaCha7539Engine bc = new ChaCha7539Engine();
        bc.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        byte[] want = new byte[msg.length];
        bc.processBytes(msg, 0, msg.length, want, 0);
        int[] k = new int[8];
        ChaCha20.keyWords(key, 0, k);
        byte[] buf = msg.clone();
        engine.xor(k, 0, ChaCha20.le32(nonce, 0), ChaCha20.le32(nonce, 4), ChaCha20.le32(nonce, 8), buf, 0, buf, 0,
            buf.length);
        assertThat(buf).as("%s, length %d", engine.name(), msg.length).isEqualTo(want);
      }
    }
  }

  @Test
  void theChosenEngineIsDescribed() {
    assertThat(ChaCha20.engineDescription()).isNotBlank().startsWith(ChaCha20.engine().name());
  }
}
