package io.portcullis.gateway.bench;

import io.portcullis.gateway.crypto.ChaCha20Poly1305;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * Our seal then open in a JVM where {@code -Dportcullis.crypto.scalar=true} forces the scalar twins (ChaCha20 engine,
 * Poly1305 loop), i.e. what a machine without the Vector API gets.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dportcullis.crypto.scalar=true"})
public class ScalarChaCha20Poly1305Benchmark {
  @Param("1420")
  public int size;

  byte[] key;
  byte[] plain;
  byte[] sealed;
  byte[] opened;
  long counter;

  @Setup
  public void setup() {
    SplittableRandom random = new SplittableRandom(1);
    key = new byte[32];
    random.nextBytes(key);
    plain = new byte[size];
    random.nextBytes(plain);
    sealed = new byte[size + 16];
    opened = new byte[size];
  }

  @Benchmark
  public byte[] oursScalar() {
    long n = counter++;
    ChaCha20Poly1305.seal(key, n, plain, 0, size, null, 0, 0, sealed, 0);
    if (!ChaCha20Poly1305.open(key, n, sealed, 0, size + 16, null, 0, 0, opened, 0)) {
      throw new IllegalStateException("open failed");
    }
    return opened;
  }
}
