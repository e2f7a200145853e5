package io.portcullis.gateway.crypto;

import static io.portcullis.gateway.crypto.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** ChaCha20, Poly1305 and the AEAD against RFC 8439, each other, the JDK and BouncyCastle, with both engines. */
class ChaCha20Poly1305Test {
  static final byte[] SUNSCREEN = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the"
      + " future, sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);

  /** Both engines when the Vector API is usable here, else only the scalar one (and the test run says so). */
  static Stream<ChaCha20Engine> engines() {
    List<ChaCha20Engine> engines = new ArrayList<>();
    engines.add(new ScalarChaCha20());
    if (VectorChaCha20.unavailabilityCause() == null) {
      engines.add(new VectorChaCha20());
    }
    return engines.stream();
  }

  @AfterEach
  void defaultEngine() {
    ChaCha20Poly1305.useEngineOnThisThread(null);
  }

  @ParameterizedTest
  @MethodSource("engines")
  void rfc8439Section242Encryption(ChaCha20Engine engine) {
    byte[] key = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    int[] k = new int[8];
    ChaCha20.keyWords(key, 0, k);
    byte[] nonce = hex("000000000000004a00000000");
    byte[] out = new byte[SUNSCREEN.length];
    engine.xor(k, 1, ChaCha20.le32(nonce, 0), ChaCha20.le32(nonce, 4), ChaCha20.le32(nonce, 8), SUNSCREEN, 0, out, 0,
        SUNSCREEN.length);
    assertThat(hex(out)).isEqualTo("6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b"
        + "f91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d8"
        + "07ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab7793736"
        + "5af90bbf74a35be6b40b8eedf2785e42874d");
  }

  @Test
  void rfc8439Section252Poly1305() {
    Poly1305 poly = new Poly1305();
    poly.init(hex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b"), 0);
    byte[] msg = "Cryptographic Forum Research Group".getBytes(StandardCharsets.US_ASCII);
    poly.update(msg, 0, 5);
    poly.update(msg, 5, msg.length - 5);
    byte[] tag = new byte[16];
    poly.finish(tag, 0);
    assertThat(hex(tag)).isEqualTo("a8061dc1305136c6c22b8baf0c0127a9");
  }

  @Test
  void poly1305MatchesBouncyCastleOnRandomMessages() {
    SplittableRandom random = new SplittableRandom(1305);
    for (int i = 0; i < 1000; i++) {
      byte[] key = bytes(random, 32);
      // Extreme accumulators: all-ones messages and keys push every carry.
      int len = random.nextInt(i % 2 == 0 ? 300 : 3000);
      byte[] msg = random.nextInt(4) == 0 ? filled(len, (byte) 0xff) : bytes(random, len);
      if (i % 7 == 0) {
        Arrays.fill(key, 0, 16, (byte) 0xff);
      }
      org.bouncycastle.crypto.macs.Poly1305 bc = new org.bouncycastle.crypto.macs.Poly1305();
      bc.init(new KeyParameter(key));
      bc.update(msg, 0, msg.length);
      byte[] want = new byte[16];
      bc.doFinal(want, 0);
      Poly1305 ours = new Poly1305();
      ours.init(key, 0);
      int split = msg.length == 0 ? 0 : random.nextInt(msg.length);
      ours.update(msg, 0, split);
      ours.update(msg, split, msg.length - split);
      byte[] got = new byte[16];
      ours.finish(got, 0);
      assertThat(hex(got)).as("message of %d bytes", msg.length).isEqualTo(hex(want));
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void rfc8439Section282SealAndOpen(ChaCha20Engine engine) {
    ChaCha20Poly1305.useEngineOnThisThread(engine);
    byte[] key = hex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
    byte[] nonce = hex("070000004041424344454647");
    byte[] aad = hex("50515253c0c1c2c3c4c5c6c7");
    byte[] sealed = new byte[SUNSCREEN.length + 16];
    ChaCha20Poly1305.seal(key, nonce, SUNSCREEN, 0, SUNSCREEN.length, aad, 0, aad.length,
        sealed, 0);
    assertThat(hex(sealed)).isEqualTo("d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
        + "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
        + "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
        + "3ff4def08e4b7a9de576d26586cec64b6116" + "1ae10b594f09e26a7e902ecbd0600691");
    byte[] opened = new byte[SUNSCREEN.length];
    assertThat(ChaCha20Poly1305.open(key, nonce, sealed, 0, sealed.length, aad, 0,
        aad.length, opened, 0)).isTrue();
    assertThat(opened).isEqualTo(SUNSCREEN);
  }

  @ParameterizedTest
  @MethodSource("engines")
  void rfc8439AppendixA5Decryption(ChaCha20Engine engine) {
    ChaCha20Poly1305.useEngineOnThisThread(engine);
    byte[] key = hex("1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0");
    byte[] nonce = hex("000000000102030405060708");
    byte[] aad = hex("f33388860000000000004e91");
    byte[] sealed = hex("64a0861575861af460f062c79be643bd5e805cfd345cf389f108670ac76c8cb2"
        + "4c6cfc18755d43eea09ee94e382d26b0bdb7b73c321b0100d4f03b7f355894cf"
        + "332f830e710b97ce98c8a84abd0b948114ad176e008d33bd60f982b1ff37c855"
        + "9797a06ef4f0ef61c186324e2b3506383606907b6a7c02b0f9f6157b53c867e4"
        + "b9166c767b804d46a59b5216cde7a4e99040c5a40433225ee282a1b0a06c523e"
        + "af4534d7f83fa1155b0047718cbc546a0d072b04b3564eea1b422273f548271a"
        + "0bb2316053fa76991955ebd63159434ecebb4e466dae5a1073a6727627097a10"
        + "49e617d91d361094fa68f0ff77987130305beaba2eda04df997b714d6c6f2c29"
        + "a6ad5cb4022b02709b" + "eead9d67890cbb22392336fea1851f38");
    // In place, as the data plane will do it.
    assertThat(ChaCha20Poly1305.open(key, nonce, sealed, 0, sealed.length, aad, 0,
        aad.length, sealed, 0)).isTrue();
    String text = new String(sealed, 0, sealed.length - 16, StandardCharsets.UTF_8);
    assertThat(text).startsWith("Internet-Drafts are draft documents valid for a maximum of six months")
        .endsWith("as /\u201cwork in progress./\u201d");
  }

  @Test
  void theWireGuardCounterIsTheRfcNonceWithFourZeroBytesAndALittleEndianCounter() {
    SplittableRandom random = new SplittableRandom(5);
    byte[] key = bytes(random, 32);
    byte[] msg = bytes(random, 100);
    long counter = 0x0102030405060708L;
    byte[] nonce = hex("000000000807060504030201");
    byte[] a = new byte[116];
    byte[] b = new byte[116];
    ChaCha20Poly1305.seal(key, counter, msg, 0, msg.length, null, 0, 0, a, 0);
    ChaCha20Poly1305.seal(key, nonce, msg, 0, msg.length, null, 0, 0, b, 0);
    assertThat(a).isEqualTo(b);
    byte[] back = new byte[100];
    assertThat(ChaCha20Poly1305.open(key, counter, a, 0, a.length, null, 0, 0, back, 0))
        .isTrue();
    assertThat(back).isEqualTo(msg);
  }

  @ParameterizedTest
  @MethodSource("engines")
  void aTamperedMessageIsRefusedAndOutIsLeftAlone(ChaCha20Engine engine) {
    ChaCha20Poly1305.useEngineOnThisThread(engine);
    SplittableRandom random = new SplittableRandom(7);
    byte[] key = bytes(random, 32);
    byte[] aad = bytes(random, 13);
    byte[] msg = bytes(random, 1420);
    byte[] sealed = new byte[msg.length + 16];
    ChaCha20Poly1305.seal(key, 42, msg, 0, msg.length, aad, 0, aad.length, sealed, 0);
    for (int position : new int[] {0, 700, msg.length - 1, msg.length, sealed.length - 1}) {
      byte[] bad = sealed.clone();
      bad[position] ^= 0x20;
      byte[] out = filled(msg.length, (byte) 0x5a);
      assertThat(ChaCha20Poly1305.open(key, 42, bad, 0, bad.length, aad, 0, aad.length,
          out, 0)).as("flipped bit at %d", position).isFalse();
      assertThat(out).isEqualTo(filled(msg.length, (byte) 0x5a));
    }
    byte[] out = new byte[msg.length];
    assertThat(ChaCha20Poly1305.open(key, 43, sealed, 0, sealed.length, aad, 0,
        aad.length, out, 0)).as("wrong counter").isFalse();
    byte[] otherAad = aad.clone();
    otherAad[0] ^= 1;
    assertThat(ChaCha20Poly1305.open(key, 42, sealed, 0, sealed.length, otherAad, 0,
        aad.length, out, 0)).as("other AAD").isFalse();
    assertThat(ChaCha20Poly1305.open(key, 42, sealed, 0, 15, aad, 0, aad.length, out, 0))
        .as("shorter than a tag").isFalse();
  }

  @ParameterizedTest
  @MethodSource("engines")
  void matchesTheJdkAndBouncyCastleOnRandomInputsAtOffsetsAndInPlace(ChaCha20Engine engine) throws Exception {
    ChaCha20Poly1305.useEngineOnThisThread(engine);
    SplittableRandom random = new SplittableRandom(8439);
    for (int i = 0; i < 300; i++) {
      byte[] key = bytes(random, 32);
      byte[] nonce = bytes(random, 12);
      byte[] aad = bytes(random, random.nextInt(40));
      int len = i < 100 ? i : random.nextInt(2001);
      byte[] msg = bytes(random, len);

      Cipher jce = Cipher.getInstance("ChaCha20-Poly1305");
      jce.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
      jce.updateAAD(aad);
      byte[] want = jce.doFinal(msg);

      org.bouncycastle.crypto.modes.ChaCha20Poly1305 bc = new org.bouncycastle.crypto.modes.ChaCha20Poly1305();
      bc.init(true, new AEADParameters(new KeyParameter(key), 128, nonce, aad));
      byte[] bcOut = new byte[bc.getOutputSize(len)];
      bc.doFinal(bcOut, bc.processBytes(msg, 0, len, bcOut, 0));
      assertThat(bcOut).isEqualTo(want);

      int off = random.nextInt(9);
      byte[] buf = new byte[off + len + 16 + 3];
      System.arraycopy(msg, 0, buf, off, len);
      ChaCha20Poly1305.seal(key, nonce, buf, off, len, aad, 0, aad.length, buf, off);
      assertThat(Arrays.copyOfRange(buf, off, off + len + 16)).as("length %d", len).isEqualTo(want);
      assertThat(ChaCha20Poly1305.open(key, nonce, buf, off, len + 16, aad, 0,
          aad.length, buf, off)).isTrue();
      assertThat(Arrays.copyOfRange(buf, off, off + len)).isEqualTo(msg);
    }
  }

  @Test
  void hChaCha20DraftSection221() {
    int[] key = new int[8];
    ChaCha20.keyWords(hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"), 0, key);
    byte[] n = hex("000000090000004a0000000031415927");
    int[] sub = new int[8];
    ScalarChaCha20.hChaCha20(key, ChaCha20.le32(n, 0), ChaCha20.le32(n, 4), ChaCha20.le32(n, 8), ChaCha20.le32(n, 12),
        sub);
    byte[] out = new byte[32];
    for (int i = 0; i < 8; i++) {
      ChaCha20.LE32.set(out, 4 * i, sub[i]);
    }
    assertThat(hex(out)).isEqualTo("82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc");
  }

  @Test
  void wrongNonceLengthsAreRejected() {
    byte[] key = new byte[32];
    byte[] out = new byte[32];
    assertThatThrownBy(() -> ChaCha20Poly1305.seal(key, new byte[8], out, 0, 0, null, 0,
        0, out, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> XChaCha20Poly1305.seal(key, new byte[12], out, 0, 0, null, 0, 0, out, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static byte[] bytes(SplittableRandom random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  static byte[] filled(int n, byte value) {
    byte[] b = new byte[n];
    Arrays.fill(b, value);
    return b;
  }
}
