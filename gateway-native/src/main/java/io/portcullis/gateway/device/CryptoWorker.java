package io.portcullis.gateway.device;

import java.util.concurrent.locks.LockSupport;

/**
 * A second thread for one data-plane path that runs part of a batch's AEAD work while the path's own thread runs
 * the rest: fork-join per batch. The path keeps every ordered step (counter assignment before, replay window and
 * TUN write or UDP send after) on its own thread, so packets leave in the order they came, as wireguard-go keeps
 * per-peer order with its sequential queues.
 *
 * <p>Protocol: the owner calls {@link #fork} (publishes the range with a volatile write and unparks the worker),
 * does its own share, then {@link #join} (spins briefly, then parks in short slices until the worker published
 * {@code DONE}). Only the owning path thread may call fork and join; one job at a time. The worker parks while
 * idle, so an idle device costs nothing.
 */
final class CryptoWorker implements AutoCloseable {
  /** The work to split: AEAD over packets {@code from..to} of the owner's current batch. */
  interface Job {
    void run(int from, int to);
  }

  private static final int IDLE = 0;
  private static final int WORK = 1;
  private static final int DONE = 2;
  private static final int SPINS = 500;
  private static final long PARK_NANOS = 20_000;

  private final Job job;
  private final Thread thread;
  private volatile int state = IDLE;
  private volatile boolean closed;
  private volatile Thread owner;
  private int from;
  private int to;
  private volatile Throwable failure;

  CryptoWorker(String name, Job job) {
    this.job = job;
    this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
    thread.start();
  }

  /** Owner thread: hands packets {@code from..to} to the worker. */
  void fork(int from, int to) {
    this.from = from;
    this.to = to;
    owner = Thread.currentThread();
    state = WORK; // volatile write publishes from/to
    LockSupport.unpark(thread);
  }

  /**
   * Owner thread: waits until the forked range is done. A failure of the worker's share is rethrown here, so the
   * agent's error handling sees it as its own.
   */
  void join() {
    for (int i = 0; i < SPINS && state != DONE; i++) {
      Thread.onSpinWait();
    }
    while (state != DONE) {
      if (!thread.isAlive()) {
        job.run(from, to); // closed: the worker is gone, so the range is not done unless done here
        break;
      }
      LockSupport.parkNanos(this, PARK_NANOS);
    }
    state = IDLE;
    Throwable t = failure;
    if (t != null) {
      failure = null;
      if (t instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("crypto worker failed", t);
    }
  }

  private void run() {
    while (true) {
      if (state == WORK) {
        try {
          job.run(from, to);
        } catch (Throwable t) {
          failure = t;
        }
        state = DONE;
        Thread o = owner;
        if (o != null) {
          LockSupport.unpark(o);
        }
      } else if (closed) {
        return; // only between jobs: a forked range is always finished first
      } else {
        LockSupport.park(this);
      }
    }
  }

  /** Stops the worker thread after any range in progress; a later fork is done by the owner in join. */
  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(thread);
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
