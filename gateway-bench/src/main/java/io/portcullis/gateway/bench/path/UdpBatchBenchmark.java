package io.portcullis.gateway.bench.path;

import io.portcullis.gateway.conn.NativeUdpBind;
import io.portcullis.gateway.conn.PacketBatch;
import io.portcullis.gateway.sys.FileCalls;
import io.portcullis.gateway.sys.ProcessCalls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The UDP side of the data plane: one batch of WireGuard-sized datagrams sent with {@link NativeUdpBind#send(
 * PacketBatch, int, int)} (sendmmsg) and received again with {@link NativeUdpBind#receive} (recvmmsg), over the
 * loopback interface of a network namespace the benchmark creates for itself (root only; nothing leaves it).
 * With {@code -prof gc}, {@code gc.alloc.rate.norm} divided by {@code batch} is the allocation per datagram of
 * the bind on both sides (the claim: 0 in steady state).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class UdpBatchBenchmark {
  /** Datagrams per operation. */
  @Param({"1", "32"})
  int batch;

  /** Datagram size: a 1420-byte MTU packet with WireGuard's 32 bytes of overhead. */
  @Param({"1452"})
  int size;

  private String namespace;
  private NativeUdpBind sender;
  private NativeUdpBind receiver;
  private PacketBatch out;
  private PacketBatch in;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    namespace = "pc-jmh-" + ProcessCalls.getpid();
    run("ip", "netns", "add", namespace);
    run("ip", "-n", namespace, "link", "set", "lo", "up");
    int fd = FileCalls.open("/run/netns/" + namespace, FileCalls.O_RDONLY | FileCalls.O_CLOEXEC);
    try {
      ProcessCalls.setns(fd, ProcessCalls.CLONE_NEWNET); // this (the benchmark) thread only
    } finally {
      FileCalls.close(fd);
    }
    sender = new NativeUdpBind(batch);
    receiver = new NativeUdpBind(batch);
    sender.open(0);
    int port = receiver.open(0);
    InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    out = new PacketBatch(batch, 16, 2048);
    in = new PacketBatch(batch, 0, 65_568);
    for (int i = 0; i < batch; i++) {
      out.buffer(i)[16] = 4;
      out.set(i, 16, size);
      out.address(i, to);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    sender.close();
    receiver.close();
    run("ip", "netns", "del", namespace);
  }

  /** Sends one batch and receives all of it (bounded: gives up after 1000 empty polls). */
  @Benchmark
  public int sendAndReceive() throws IOException {
    sender.send(out, 0, batch);
    int got = 0;
    for (int tries = 0; got < batch && tries < 1000; tries++) {
      got += Math.max(0, receiver.receive(in));
    }
    return got;
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of(command)).inheritIO().start();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " failed");
    }
  }
}
