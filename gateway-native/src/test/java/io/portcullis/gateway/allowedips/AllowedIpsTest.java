package io.portcullis.gateway.allowedips;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.model.IpPrefix;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The trie against a slow reference (a list scanned for the longest match), IPv4 and IPv6, plus fixed cases. */
class AllowedIpsTest {

  record Ref(byte[] addr, int len, String owner) {}

  static boolean contains(Ref r, byte[] a) {
    BigInteger x = new BigInteger(1, r.addr);
    BigInteger y = new BigInteger(1, a);
    int bits = a.length * 8;
    return x.shiftRight(bits - r.len).equals(y.shiftRight(bits - r.len)) || r.len == 0;
  }

  static String reference(List<Ref> refs, byte[] a) {
    Ref best = null;
    for (Ref r : refs) {
      if (r.addr.length == a.length && contains(r, a) && (best == null || r.len >= best.len)) {
        best = r;
      }
    }
    return best == null ? null : best.owner;
  }

  @Test
  void fixedCases() throws Exception {
    AllowedIps<String> t = new AllowedIps<>();
    t.insert(IpPrefix.parse("10.0.0.0/8"), "a");
    t.insert(IpPrefix.parse("10.1.0.0/16"), "b");
    t.insert(IpPrefix.parse("10.1.2.3/32"), "c");
    t.insert(IpPrefix.parse("0.0.0.0/0"), "d");
    t.insert(IpPrefix.parse("fd00::/8"), "e");
    t.insert(IpPrefix.parse("fd00::1/128"), "f");
    t.commit();
    assertThat(t.lookupV4(ip("10.1.2.3"), 0)).isEqualTo("c");
    assertThat(t.lookupV4(ip("10.1.2.4"), 0)).isEqualTo("b");
    assertThat(t.lookupV4(ip("10.2.0.0"), 0)).isEqualTo("a");
    assertThat(t.lookupV4(ip("11.0.0.0"), 0)).isEqualTo("d");
    assertThat(t.lookupV6(ip("fd00::1"), 0)).isEqualTo("f");
    assertThat(t.lookupV6(ip("fd00::2"), 0)).isEqualTo("e");
    assertThat(t.lookupV6(ip("fe00::2"), 0)).isNull();
    // host bits are masked, reinsert moves ownership, removal by owner
    t.insert(IpPrefix.parse("10.1.9.9/16"), "x");
    t.removeAll("c");
    t.commit();
    assertThat(t.lookupV4(ip("10.1.2.3"), 0)).isEqualTo("x");
    assertThat(t.prefixesOf("x")).extracting(Object::toString).containsExactly("10.1.0.0/16");
    assertThat(t.prefixesOf("b")).isEmpty();
  }

  static byte[] ip(String s) throws Exception {
    return InetAddress.getByName(s).getAddress();
  }

  @Test
  void randomDifferentialV4AndV6() throws Exception {
    Random r = new Random(7);
    for (int family : new int[] {4, 16}) {
      for (int round = 0; round < 10; round++) {
        AllowedIps<String> t = new AllowedIps<>();
        List<Ref> refs = new ArrayList<>();
        byte[] base = new byte[family];
        r.nextBytes(base);
        for (int i = 0; i < 300; i++) {
          byte[] a = base.clone();
          // share a random-length prefix with base so that prefixes nest and fork
          int keep = r.nextInt(family * 8 + 1);
          for (int bit = keep; bit < family * 8; bit++) {
            if (r.nextBoolean()) {
              a[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
            }
          }
          int len = r.nextInt(family * 8 + 1);
          String owner = ("p" + r.nextInt(20)).intern(); // owners compare by identity, like peers
          IpPrefix p = new IpPrefix(InetAddress.getByAddress(a), len);
          t.insert(p, owner);
          refs.removeIf(x -> x.len == len && sameMasked(x.addr, a, len));
          refs.add(new Ref(a, len, owner));
        }
        if (round % 2 == 1) {
          String gone = ("p" + r.nextInt(20)).intern();
          t.removeAll(gone);
          refs.removeIf(x -> x.owner.equals(gone));
        }
        t.commit();
        for (int q = 0; q < 3000; q++) {
          byte[] a = q % 2 == 0 ? refs.get(r.nextInt(refs.size())).addr.clone() : base.clone();
          int flip = r.nextInt(family * 8);
          if (r.nextBoolean()) {
            a[flip / 8] ^= (byte) (0x80 >>> (flip % 8));
          }
          String got = family == 4 ? t.lookupV4(a, 0) : t.lookupV6(a, 0);
          byte[] qa = a;
          assertThat(got)
              .as(
                  () -> {
                    StringBuilder sb = new StringBuilder("query " + java.util.HexFormat.of().formatHex(qa));
                    for (Ref x : refs) {
                      if (contains(x, qa)) {
                        sb.append("\n ").append(java.util.HexFormat.of().formatHex(x.addr)).append('/').append(x.len).append(' ').append(x.owner);
                      }
                    }
                    return sb.toString();
                  })
              .isEqualTo(reference(refs, a));
        }
      }
    }
  }

  static boolean sameMasked(byte[] x, byte[] y, int len) {
    return contains(new Ref(x, len, ""), y);
  }
}
