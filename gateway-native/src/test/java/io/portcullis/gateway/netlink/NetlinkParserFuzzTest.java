package io.portcullis.gateway.netlink;

import static io.portcullis.gateway.netlink.ExpectedBytes.attr;
import static io.portcullis.gateway.netlink.ExpectedBytes.message;
import static io.portcullis.gateway.netlink.ExpectedBytes.nest;
import static io.portcullis.gateway.netlink.ExpectedBytes.u32;
import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.netlink.wg.GetDeviceParser;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bounded random mutation of valid netlink datagrams (dumps, errors with extended acks, rtnetlink replies):
 * parsing arbitrary bytes ends, and fails only with {@link MalformedNetlinkException}.
 */
class NetlinkParserFuzzTest {
  private static final int ITERATIONS = 50_000;

  static List<byte[]> seeds() throws Exception {
    List<byte[]> seeds = new ArrayList<>();
    byte[][] wg =
        io.portcullis.gateway.netlink.wg.GetDeviceParserTestAccess.dump();
    seeds.add(ExpectedBytes.concat(wg[0], wg[1]));
    // NLMSG_ERROR -95, capped, with an extended ack message and offset.
    byte[] error =
        ExpectedBytes.concat(
            new byte[] {(byte) 0xa1, (byte) 0xff, (byte) 0xff, (byte) 0xff},
            message(16, 5, 9),
            ExpectedBytes.string(1, "Unknown device type"),
            u32(2, 36));
    seeds.add(message(2, 0x100 | 0x200, 9, error));
    seeds.add(
        message(
            16,
            2,
            3,
            new byte[16],
            ExpectedBytes.string(3, "pcv0"),
            u32(4, 1500),
            nest(18, ExpectedBytes.string(1, "veth"), nest(2, attr(1, new byte[16])))));
    return seeds;
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void mutatedDatagramsFailOnlyWithTheTypedException() throws Exception {
    Random random = new Random(0x5eed);
    List<byte[]> seeds = seeds();
    int malformed = 0;
    int parsed = 0;
    for (int i = 0; i < ITERATIONS; i++) {
      byte[] data = seeds.get(random.nextInt(seeds.size())).clone();
      int mutations = 1 + random.nextInt(8);
      for (int m = 0; m < mutations; m++) {
        switch (random.nextInt(4)) {
          case 0 -> data[random.nextInt(data.length)] = (byte) random.nextInt(256);
          case 1 -> data[random.nextInt(data.length)] ^= (byte) (1 << random.nextInt(8));
          case 2 -> {
            // Length fields are the interesting ones: hit 16-bit words at 4-byte boundaries.
            int at = random.nextInt(Math.max(1, data.length / 4)) * 4 % data.length;
            data[at] = (byte) random.nextInt(256);
            if (at + 1 < data.length) {
              data[at + 1] = (byte) random.nextInt(3);
            }
          }
          default -> data = java.util.Arrays.copyOf(data, random.nextInt(data.length + 1));
        }
        if (data.length == 0) {
          break;
        }
      }
      try {
        walk(data);
        parsed++;
      } catch (MalformedNetlinkException e) {
        malformed++;
      }
    }
    assertThat(parsed + malformed).isEqualTo(ITERATIONS);
    assertThat(malformed).isGreaterThan(0);
    assertThat(parsed).isGreaterThan(0);
  }

  /** Walks everything a caller could: messages, error decoding, nested attributes to any depth, WG parsing. */
  static void walk(byte[] data) throws MalformedNetlinkException {
    MemorySegment s = MemorySegment.ofArray(data);
    NetlinkMessage m = new NetlinkMessage().wrap(s, data.length);
    GetDeviceParser wg = new GetDeviceParser();
    while (m.next()) {
      if (m.type() == NetlinkUapi.NLMSG_ERROR || m.type() == NetlinkUapi.NLMSG_DONE) {
        m.toException("fuzz").getMessage();
      } else if (m.type() == 35) {
        wg.accept(m);
      } else {
        deep(m.attributes(16), 0);
      }
    }
    wg.result();
  }

  private static void deep(NetlinkAttributes a, int depth) throws MalformedNetlinkException {
    while (a.next()) {
      a.string();
      a.bytes();
      if (depth < 8 && a.payloadLength() >= 4) {
        try {
          deep(a.nested(), depth + 1);
        } catch (MalformedNetlinkException notNested) {
          // Not every payload is a nest; keep walking the siblings.
        }
      }
    }
  }
}
