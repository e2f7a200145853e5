package io.portcullis.gateway.allowedips;

import io.portcullis.gateway.model.IpPrefix;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.Inet4Address;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cryptokey routing table (paper 2): IPv4 and IPv6 prefixes, each owned by one peer, used to choose the
 * peer of an outgoing packet by its destination and to check the source of a decrypted incoming one.
 *
 * <p>Writers (configuration threads) change a table of entries under this object's lock and then
 * {@link #commit()} it, which builds fresh tries and publishes them through a volatile field. Readers (the data
 * plane) call {@link #lookupV4}/{@link #lookupV6} without locks and see either the old or the new routing, never
 * a half-built one. A rebuild costs O(n · 128) and happens only on configuration changes.
 */
public final class AllowedIps<T> {
  private static final VarHandle INT_BE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private record Entry(boolean v6, long hi, long lo, int cidr) {}

  private record Tries<T>(PrefixTrie<T> v4, PrefixTrie<T> v6) {}

  private final Map<Entry, T> entries = new LinkedHashMap<>();
  private volatile Tries<T> tries = new Tries<>(new PrefixTrie<>(32), new PrefixTrie<>(128));

  private static Entry entryOf(IpPrefix prefix) {
    byte[] a = prefix.address().getAddress();
    int cidr = prefix.length();
    if (prefix.address() instanceof Inet4Address) {
      long hi = ((int) INT_BE.get(a, 0) & 0xffffffffL) << 32;
      return new Entry(false, hi & PrefixTrie.maskHi(cidr), 0, cidr);
    }
    long hi = (long) LONG_BE.get(a, 0);
    long lo = (long) LONG_BE.get(a, 8);
    return new Entry(true, hi & PrefixTrie.maskHi(cidr), lo & PrefixTrie.maskLo(cidr), cidr);
  }

  /** Makes {@code owner} the owner of {@code prefix} (host bits are ignored), taking it from any other owner. */
  public synchronized void insert(IpPrefix prefix, T owner) {
    Entry e = entryOf(prefix);
    entries.remove(e); // a new owner goes to the end of the insertion order
    entries.put(e, owner);
  }

  /** Removes one prefix if {@code owner} owns it. */
  public synchronized void remove(IpPrefix prefix, T owner) {
    entries.remove(entryOf(prefix), owner);
  }

  /** Removes every prefix of {@code owner}. */
  public synchronized void removeAll(T owner) {
    entries.values().removeIf(v -> v == owner);
  }

  /** The prefixes of {@code owner}, masked, in insertion order. */
  public synchronized List<IpPrefix> prefixesOf(T owner) {
    List<IpPrefix> out = new ArrayList<>();
    for (Iterator<Map.Entry<Entry, T>> it = entries.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Entry, T> me = it.next();
      if (me.getValue() == owner) {
        out.add(toPrefix(me.getKey()));
      }
    }
    return out;
  }

  private static IpPrefix toPrefix(Entry e) {
    byte[] a = new byte[e.v6 ? 16 : 4];
    if (e.v6) {
      LONG_BE.set(a, 0, e.hi);
      LONG_BE.set(a, 8, e.lo);
    } else {
      INT_BE.set(a, 0, (int) (e.hi >>> 32));
    }
    try {
      java.net.InetAddress addr =
          e.v6 ? java.net.Inet6Address.getByAddress(null, a, null) : java.net.InetAddress.getByAddress(a);
      return new IpPrefix(addr, e.cidr);
    } catch (java.net.UnknownHostException ex) {
      throw new IllegalStateException(ex);
    }
  }

  /** Builds tries from the current entries and publishes them to readers. */
  public synchronized void commit() {
    PrefixTrie<T> v4 = new PrefixTrie<>(32);
    PrefixTrie<T> v6 = new PrefixTrie<>(128);
    for (Map.Entry<Entry, T> me : entries.entrySet()) {
      Entry e = me.getKey();
      (e.v6 ? v6 : v4).insert(e.hi, e.lo, e.cidr, me.getValue());
    }
    tries = new Tries<>(v4, v6);
  }

  /** The owner of the longest prefix containing the IPv4 address at {@code buf[off..off+4)}, or null. */
  public T lookupV4(byte[] buf, int off) {
    long hi = ((int) INT_BE.get(buf, off) & 0xffffffffL) << 32;
    return tries.v4().lookup(hi, 0);
  }

  /** The owner of the longest prefix containing the IPv6 address at {@code buf[off..off+16)}, or null. */
  public T lookupV6(byte[] buf, int off) {
    return tries.v6().lookup((long) LONG_BE.get(buf, off), (long) LONG_BE.get(buf, off + 8));
  }

  /** Number of prefixes (committed or not). */
  public synchronized int size() {
    return entries.size();
  }
}
