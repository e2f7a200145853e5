package io.portcullis.gateway.bench;

import io.portcullis.gateway.crypto.ChaCha20Poly1305;
import java.security.GeneralSecurityException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Seal then open of one WireGuard-sized packet (1420 bytes by default, 16-byte tag, no AAD, a new nonce each time)
 * with our AEAD, the JDK's {@code ChaCha20-Poly1305} Cipher and BouncyCastle's {@code ChaCha20Poly1305}.
 *
 * <p>One operation moves the packet through both directions, so bytes per second is {@code 2 * size * ops/s}.
 * {@link ScalarChaCha20Poly1305Benchmark} runs ours again in a JVM forced to the scalar engine.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class ChaCha20Poly1305Benchmark {
  @Param("1420")
  public int size;

  byte[] key;
  byte[] plain;
  byte[] sealed;
  byte[] opened;
  byte[] nonce;
  long counter;
  Cipher jceSeal;
  Cipher jceOpen;
  SecretKeySpec jceKey;
  org.bouncycastle.crypto.modes.ChaCha20Poly1305 bc;
  KeyParameter bcKey;

  @Setup
  public void setup() throws GeneralSecurityException {
    SplittableRandom random = new SplittableRandom(1);
    key = new byte[32];
    random.nextBytes(key);
    plain = new byte[size];
    random.nextBytes(plain);
    sealed = new byte[size + 16];
    opened = new byte[size];
    nonce = new byte[12];
    jceSeal = Cipher.getInstance("ChaCha20-Poly1305");
    jceOpen = Cipher.getInstance("ChaCha20-Poly1305");
    jceKey = new SecretKeySpec(key, "ChaCha20");
    bc = new org.bouncycastle.crypto.modes.ChaCha20Poly1305();
    bcKey = new KeyParameter(key);
  }

  /** Ours with the engine chosen at startup (the Vector API one on this machine). */
  @Benchmark
  public byte[] ours() {
    long n = counter++;
    ChaCha20Poly1305.seal(key, n, plain, 0, size, null, 0, 0, sealed, 0);
    if (!ChaCha20Poly1305.open(key, n, sealed, 0, size + 16, null, 0, 0, opened, 0)) {
      throw new IllegalStateException("open failed");
    }
    return opened;
  }

  @Benchmark
  public byte[] jce() throws GeneralSecurityException {
    nextNonce();
    // The JDK refuses to encrypt twice under one key and nonce, so every packet gets a new IvParameterSpec.
    IvParameterSpec iv = new IvParameterSpec(nonce);
    jceSeal.init(Cipher.ENCRYPT_MODE, jceKey, iv);
    jceSeal.doFinal(plain, 0, size, sealed, 0);
    jceOpen.init(Cipher.DECRYPT_MODE, jceKey, iv);
    jceOpen.doFinal(sealed, 0, size + 16, opened, 0);
    return opened;
  }

  @Benchmark
  public byte[] bouncyCastle() throws InvalidCipherTextException {
    nextNonce();
    AEADParameters params = new AEADParameters(bcKey, 128, nonce.clone());
    bc.init(true, params);
    int n = bc.processBytes(plain, 0, size, sealed, 0);
    bc.doFinal(sealed, n);
    bc.init(false, params);
    n = bc.processBytes(sealed, 0, size + 16, opened, 0);
    bc.doFinal(opened, n);
    return opened;
  }

  private void nextNonce() {
    long n = counter++;
    for (int i = 0; i < 8; i++) {
      nonce[4 + i] = (byte) (n >>> (8 * i));
    }
  }
}
