package io.portcullis.gateway.device;

import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;

/**
 * Runs one {@link Agent} on its own platform thread until closed. An exception from a duty cycle goes to the
 * error counter and a rate-limited log line, and the agent backs off for a millisecond before continuing, so a
 * persistent fault cannot spin a core.
 */
public final class AgentRunner implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(AgentRunner.class.getName());
  private static final long ERROR_LOG_INTERVAL = TimeUnit.SECONDS.toNanos(10);

  private final Agent agent;
  private final DeviceCounters counters;
  private final Thread thread;
  private volatile boolean running = true;
  private long lastErrorLog = System.nanoTime() - ERROR_LOG_INTERVAL;

  public AgentRunner(Agent agent, DeviceCounters counters) {
    this.agent = agent;
    this.counters = counters;
    this.thread = Thread.ofPlatform().name(agent.roleName()).daemon(true).unstarted(this::run);
  }

  public AgentRunner start() {
    thread.start();
    return this;
  }

  private void run() {
    try {
      while (running) {
        try {
          agent.doWork();
        } catch (Throwable t) {
          if (!running) {
            break;
          }
          counters.increment(DeviceCounters.Stat.ERRORS);
          long now = System.nanoTime();
          if (now - lastErrorLog >= ERROR_LOG_INTERVAL) {
            lastErrorLog = now;
            LOG.log(Level.WARNING, agent.roleName() + " duty cycle failed", t);
          }
          try {
            Thread.sleep(1);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
        }
      }
    } finally {
      agent.onClose();
    }
  }

  /** Stops the agent and waits up to a second for its thread (its inputs wake within their poll interval). */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
