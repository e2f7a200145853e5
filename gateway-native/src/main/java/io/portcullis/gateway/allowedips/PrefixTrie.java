package io.portcullis.gateway.allowedips;

/**
 * An immutable path-compressed binary trie over 128-bit keys, answering longest-prefix-match queries; IPv4
 * addresses use the top 32 bits. Built once per configuration change by {@link AllowedIps} and then only read,
 * from any number of threads, without locks.
 *
 * <p>Each node holds a prefix (key bits and length) and, if an allowed IP ends there, its value; a child is
 * chosen by the first bit after the node's prefix. The lookup walks down while the node's prefix matches and
 * remembers the last value seen, which is the longest match.
 */
final class PrefixTrie<T> {

  private static final class Node<T> {
    final long hi;
    final long lo;
    final int cidr;
    final long maskHi;
    final long maskLo;
    T value;
    Node<T> zero;
    Node<T> one;

    Node(long hi, long lo, int cidr, T value) {
      this.cidr = cidr;
      this.maskHi = maskHi(cidr);
      this.maskLo = maskLo(cidr);
      this.hi = hi & maskHi;
      this.lo = lo & maskLo;
      this.value = value;
    }

    boolean matches(long kHi, long kLo) {
      return ((kHi ^ hi) & maskHi) == 0 && ((kLo ^ lo) & maskLo) == 0;
    }
  }

  private final int maxBits;
  private Node<T> root;

  PrefixTrie(int maxBits) {
    this.maxBits = maxBits;
  }

  static long maskHi(int cidr) {
    return cidr == 0 ? 0 : cidr >= 64 ? -1L : -1L << (64 - cidr);
  }

  static long maskLo(int cidr) {
    return cidr <= 64 ? 0 : cidr == 128 ? -1L : -1L << (128 - cidr);
  }

  private static int bit(long hi, long lo, int index) {
    return (int) (index < 64 ? (hi >>> (63 - index)) & 1 : (lo >>> (127 - index)) & 1);
  }

  private static int commonBits(long aHi, long aLo, long bHi, long bLo, int limit) {
    long x = aHi ^ bHi;
    int n = x != 0 ? Long.numberOfLeadingZeros(x) : 64 + Long.numberOfLeadingZeros(aLo ^ bLo);
    return Math.min(n, limit);
  }

  /** Adds or replaces the value of a prefix; only while building, before the trie is published. */
  void insert(long hi, long lo, int cidr, T value) {
    root = insert(root, hi, lo, cidr, value);
  }

  private Node<T> insert(Node<T> n, long hi, long lo, int cidr, T value) {
    if (n == null) {
      return new Node<>(hi, lo, cidr, value);
    }
    int common = commonBits(hi, lo, n.hi, n.lo, Math.min(cidr, n.cidr));
    if (common == n.cidr && cidr == n.cidr) {
      n.value = value;
      return n;
    }
    if (common == n.cidr) {
      if (bit(hi, lo, n.cidr) == 0) {
        n.zero = insert(n.zero, hi, lo, cidr, value);
      } else {
        n.one = insert(n.one, hi, lo, cidr, value);
      }
      return n;
    }
    Node<T> leaf = new Node<>(hi, lo, cidr, value);
    if (common == cidr) {
      attach(leaf, n);
      return leaf;
    }
    Node<T> fork = new Node<>(hi, lo, common, null);
    attach(fork, leaf);
    attach(fork, n);
    return fork;
  }

  private static <T> void attach(Node<T> parent, Node<T> child) {
    if (bit(child.hi, child.lo, parent.cidr) == 0) {
      parent.zero = child;
    } else {
      parent.one = child;
    }
  }

  /** The value of the longest prefix containing the key, or null. Safe from any thread once published. */
  T lookup(long hi, long lo) {
    Node<T> n = root;
    T best = null;
    while (n != null && n.matches(hi, lo)) {
      if (n.value != null) {
        best = n.value;
      }
      if (n.cidr == maxBits) {
        break;
      }
      n = bit(hi, lo, n.cidr) == 0 ? n.zero : n.one;
    }
    return best;
  }
}
