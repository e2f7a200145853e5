package io.portcullis.gateway.tun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.netlink.rtnl.RouteNetlink;
import io.portcullis.gateway.sys.NetworkNamespace;
import io.portcullis.gateway.sys.SyscallException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real TUN device in a namespace of our own: the kernel answers a ping we write into it. */
class TunDeviceTest {
  private NetworkNamespace ns;

  @BeforeEach
  void createNamespace() throws Exception {
    ns = NetworkNamespace.create("tun");
  }

  @AfterEach
  void deleteNamespace() throws Exception {
    if (ns != null) {
      ns.close();
    }
  }

  @Test
  void kernelAnswersAnEchoRequestWrittenIntoTheDevice() throws Exception {
    ns.run(
        () -> {
          try (TunDevice tun = TunDevice.open("pctun0");
              RouteNetlink rtnl = RouteNetlink.open()) {
            int index = rtnl.linkIndex(tun.name());
            rtnl.addAddress(index, IpPrefix.parse("10.66.0.1/24"));
            rtnl.setUp(index);

            byte[] request = echoRequest(new byte[] {10, 66, 0, 2}, new byte[] {10, 66, 0, 1}, 0x1234, 7);
            tun.write(request, 0, request.length);

            byte[] buf = new byte[2048];
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
              int n = tun.read(buf, 16, buf.length - 16, Duration.ofMillis(200));
              // Skip IPv6 router solicitations and other chatter of a fresh interface.
              if (n >= 28 && (buf[16] >> 4) == 4 && buf[16 + 9] == 1) {
                assertThat(n).isEqualTo(request.length);
                assertThat(new byte[] {buf[28], buf[29], buf[30], buf[31]}).containsExactly(10, 66, 0, 1);
                assertThat(new byte[] {buf[32], buf[33], buf[34], buf[35]}).containsExactly(10, 66, 0, 2);
                assertThat(buf[16 + 20]).as("ICMP echo reply").isEqualTo((byte) 0);
                assertThat(((buf[16 + 24] & 0xff) << 8) | (buf[16 + 25] & 0xff)).isEqualTo(0x1234);
                assertThat(buf[16 + 28 + 5]).isEqualTo((byte) 5);
                return null;
              }
            }
            throw new AssertionError("no echo reply within 5 s");
          }
        });
  }

  @Test
  void readTimesOutWithZeroAndCloseWakesABlockedReader() throws Exception {
    ns.run(
        () -> {
          TunDevice tun = TunDevice.open("pctun1");
          byte[] buf = new byte[1500];
          // Down interface: nothing arrives, the read returns 0 after the timeout.
          long start = System.nanoTime();
          assertThat(tun.read(buf, 0, buf.length, Duration.ofMillis(50))).isZero();
          assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(45));

          CompletableFuture<Integer> reader = new CompletableFuture<>();
          Thread t =
              Thread.ofPlatform()
                  .start(
                      () -> {
                        try {
                          reader.complete(tun.read(buf, 0, buf.length, Duration.ofSeconds(30)));
                        } catch (Exception e) {
                          reader.completeExceptionally(e);
                        }
                      });
          Thread.sleep(100);
          long closing = System.nanoTime();
          tun.close();
          assertThat(reader.get(5, TimeUnit.SECONDS)).isEqualTo(-1);
          assertThat(System.nanoTime() - closing).isLessThan(TimeUnit.SECONDS.toNanos(2));
          t.join();
          tun.close();
          assertThat(tun.read(buf, 0, buf.length)).isEqualTo(-1);
          tun.write(buf, 0, 20);
          return null;
        });
  }

  @Test
  void badNamesAndMissingPrivilegeAreClearErrors() throws Exception {
    assertThatThrownBy(() -> TunDevice.open("a-name-that-is-too-long"))
        .isInstanceOf(IllegalArgumentException.class);
    ns.run(
        () -> {
          try (TunDevice first = TunDevice.open("pctun2")) {
            // A second non-multi-queue open of the same attached device is refused by the kernel.
            assertThatThrownBy(() -> TunDevice.open("pctun2"))
                .isInstanceOf(SyscallException.class)
                .hasMessageStartingWith("ioctl(TUNSETIFF): EBUSY (");
          }
          return null;
        });
  }

  /** An IPv4 ICMP echo request with 8 payload bytes 0..7, checksums computed. */
  static byte[] echoRequest(byte[] src, byte[] dst, int id, int seq) {
    byte[] p = new byte[20 + 8 + 8];
    p[0] = 0x45;
    p[2] = 0;
    p[3] = (byte) p.length;
    p[8] = 64;
    p[9] = 1;
    System.arraycopy(src, 0, p, 12, 4);
    System.arraycopy(dst, 0, p, 16, 4);
    int c = checksum(p, 0, 20);
    p[10] = (byte) (c >> 8);
    p[11] = (byte) c;
    p[20] = 8;
    p[24] = (byte) (id >> 8);
    p[25] = (byte) id;
    p[26] = (byte) (seq >> 8);
    p[27] = (byte) seq;
    for (int i = 0; i < 8; i++) {
      p[28 + i] = (byte) i;
    }
    c = checksum(p, 20, 16);
    p[22] = (byte) (c >> 8);
    p[23] = (byte) c;
    return p;
  }

  /** The RFC 1071 Internet checksum. */
  static int checksum(byte[] b, int off, int len) {
    long sum = 0;
    for (int i = 0; i < len; i += 2) {
      sum += ((b[off + i] & 0xff) << 8) | (i + 1 < len ? b[off + i + 1] & 0xff : 0);
    }
    while ((sum >> 16) != 0) {
      sum = (sum & 0xffff) + (sum >> 16);
    }
    return (int) (~sum & 0xffff);
  }
}
