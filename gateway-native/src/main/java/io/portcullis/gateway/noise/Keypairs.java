package io.portcullis.gateway.noise;

/**
 * A peer's three session slots (paper 6.1, "previous, current and next"): the data plane sends with
 * {@link #current()} and receives with any of them, found through the index table.
 *
 * <p>Reads are lock-free (volatile); rotations, which happen once per handshake, take this object's lock.
 */
public final class Keypairs {
  private volatile Keypair previous;
  private volatile Keypair current;
  private volatile Keypair next;

  public Keypair previous() {
    return previous;
  }

  public Keypair current() {
    return current;
  }

  public Keypair next() {
    return next;
  }

  /**
   * Installs a fresh keypair and returns the keypairs it pushed out (to unregister their indices), following
   * the Linux implementation: an initiator's keypair becomes current at once (it has seen the response); a
   * responder's waits in next until the first data message with it confirms the handshake.
   */
  public synchronized Keypair[] add(Keypair fresh) {
    Keypair[] dropped = new Keypair[3];
    if (fresh.initiator()) {
      if (next != null) {
        // A responder session never confirmed: keep it as previous so late packets still decrypt.
        dropped[0] = previous;
        dropped[1] = current;
        previous = next;
        next = null;
      } else {
        dropped[0] = previous;
        previous = current;
      }
      current = fresh;
    } else {
      dropped[0] = next;
      dropped[1] = previous;
      next = fresh;
      previous = null;
    }
    return dropped;
  }

  /**
   * Called when a data message arrived with {@code k}; if it is the next keypair, it becomes current (the
   * responder's handshake is now confirmed). Returns the keypair pushed out, or null; sets nothing otherwise.
   */
  public synchronized boolean confirm(Keypair k, Keypair[] droppedOut) {
    if (k != next) {
      return false;
    }
    droppedOut[0] = previous;
    previous = current;
    current = next;
    next = null;
    return true;
  }

  /** Removes and returns every keypair (to zero and unregister them). */
  public synchronized Keypair[] clear() {
    Keypair[] all = {previous, current, next};
    previous = null;
    current = null;
    next = null;
    return all;
  }
}
