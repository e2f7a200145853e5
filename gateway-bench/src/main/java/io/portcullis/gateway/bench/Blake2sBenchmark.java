package io.portcullis.gateway.bench;

import io.portcullis.gateway.crypto.Blake2s;
import io.portcullis.gateway.crypto.Kdf;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.Blake2sDigest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * BLAKE2s as the handshake uses it: MAC1 over a 116-byte initiation prefix (keyed, 16-byte output), a 1420-byte hash
 * for throughput, and one KDF3 step; ours against BouncyCastle's Blake2sDigest where it has an equivalent.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class Blake2sBenchmark {
  byte[] key = new byte[32];
  byte[] initiation = new byte[116];
  byte[] packet = new byte[1420];
  byte[] out = new byte[32];
  byte[] t1 = new byte[32];
  byte[] t2 = new byte[32];
  byte[] t3 = new byte[32];
  Blake2sDigest bcMac;
  Blake2sDigest bcHash;

  @Setup
  public void setup() {
    SplittableRandom random = new SplittableRandom(2);
    random.nextBytes(key);
    random.nextBytes(initiation);
    random.nextBytes(packet);
    bcMac = new Blake2sDigest(key, 16, null, null);
    bcHash = new Blake2sDigest(256);
  }

  @Benchmark
  public byte[] mac1Ours() {
    Blake2s.mac(out, 0, 16, key, 0, 32, initiation, 0, initiation.length);
    return out;
  }

  @Benchmark
  public byte[] mac1BouncyCastle() {
    bcMac.update(initiation, 0, initiation.length);
    bcMac.doFinal(out, 0);
    return out;
  }

  @Benchmark
  public byte[] hash1420Ours() {
    Blake2s.hash(out, 0, 32, packet, 0, packet.length);
    return out;
  }

  @Benchmark
  public byte[] hash1420BouncyCastle() {
    bcHash.update(packet, 0, packet.length);
    bcHash.doFinal(out, 0);
    return out;
  }

  @Benchmark
  public byte[] kdf3Ours() {
    Kdf.kdf3(t1, t2, t3, key, initiation, 0, 32);
    return t3;
  }
}
