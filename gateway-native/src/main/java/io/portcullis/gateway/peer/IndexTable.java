package io.portcullis.gateway.peer;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.random.RandomGenerator;

/**
 * The receiver index table (paper 5.4.2: "sender index"): maps the random 32-bit indices we hand out in our
 * handshake messages to what they name, a pending handshake or a keypair, so that a response, cookie reply or
 * transport message finds its peer in O(1).
 *
 * <p>Open addressing with linear probing. Readers (the receive path, per packet) take no lock and allocate
 * nothing; writers (handshake thread, configuration) hold this object's lock. Removal leaves a tombstone so
 * that probing readers never stop early; the table is rebuilt when tombstones pile up or it fills.
 */
public final class IndexTable<T> {

  private static final class Slot<T> {
    final int index;
    final T value;

    Slot(int index, T value) {
      this.index = index;
      this.value = value;
    }
  }

  private static final Slot<?> TOMBSTONE = new Slot<>(0, null);

  private final RandomGenerator random;
  private volatile AtomicReferenceArray<Slot<T>> slots = new AtomicReferenceArray<>(64);
  private int live;
  private int used; // live + tombstones

  public IndexTable(RandomGenerator random) {
    this.random = random;
  }

  private static int spread(int index) {
    int h = index * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  /** The value registered under {@code index}, or null. Lock-free. */
  public T lookup(int index) {
    AtomicReferenceArray<Slot<T>> s = slots;
    int mask = s.length() - 1;
    for (int i = spread(index) & mask, n = 0; n <= mask; i = (i + 1) & mask, n++) {
      Slot<T> slot = s.getAcquire(i);
      if (slot == null) {
        return null;
      }
      if (slot != TOMBSTONE && slot.index == index) {
        return slot.value;
      }
    }
    return null;
  }

  /** Registers {@code value} under a fresh random index and returns it. */
  public synchronized int insert(T value) {
    while (true) {
      int index = random.nextInt();
      if (lookup(index) == null) {
        put(index, value);
        return index;
      }
    }
  }

  /** Replaces what {@code index} names, if it still names (equals) {@code expected}; returns whether it did. */
  @SuppressWarnings("unchecked")
  public synchronized boolean replace(int index, T expected, T value) {
    AtomicReferenceArray<Slot<T>> s = slots;
    int mask = s.length() - 1;
    for (int i = spread(index) & mask, n = 0; n <= mask; i = (i + 1) & mask, n++) {
      Slot<T> slot = s.get(i);
      if (slot == null) {
        return false;
      }
      if (slot != TOMBSTONE && slot.index == index) {
        if (!java.util.Objects.equals(slot.value, expected)) {
          return false;
        }
        s.setRelease(i, value == null ? (Slot<T>) TOMBSTONE : new Slot<>(index, value));
        if (value == null) {
          live--;
        }
        return true;
      }
    }
    return false;
  }

  /** Removes {@code index} if it names {@code expected}. */
  public synchronized boolean remove(int index, T expected) {
    return replace(index, expected, null);
  }

  /** Number of live entries. */
  public synchronized int size() {
    return live;
  }

  private void put(int index, T value) {
    AtomicReferenceArray<Slot<T>> s = slots;
    if ((used + 1) * 2 > s.length()) {
      s = rebuild(live + 1 > s.length() / 4 ? s.length() * 2 : s.length());
    }
    int mask = s.length() - 1;
    int i = spread(index) & mask;
    while (s.get(i) != null) {
      i = (i + 1) & mask; // never reuse tombstones: a reader may be probing past them
    }
    s.setRelease(i, new Slot<>(index, value));
    live++;
    used++;
  }

  private AtomicReferenceArray<Slot<T>> rebuild(int capacity) {
    AtomicReferenceArray<Slot<T>> old = slots;
    AtomicReferenceArray<Slot<T>> fresh = new AtomicReferenceArray<>(capacity);
    int mask = capacity - 1;
    for (int j = 0; j < old.length(); j++) {
      Slot<T> slot = old.get(j);
      if (slot != null && slot != TOMBSTONE) {
        int i = spread(slot.index) & mask;
        while (fresh.get(i) != null) {
          i = (i + 1) & mask;
        }
        fresh.set(i, slot);
      }
    }
    used = live;
    slots = fresh;
    return fresh;
  }
}
