package io.portcullis.gateway.device;

/** A data-plane duty cycle (agrona's Agent): {@link #doWork()} does one bounded round and reports how much. */
public interface Agent {

  /**
   * Does one round of work, waiting at most a short bounded time in its input (TUN poll, socket poll, queue
   * poll) when there is none.
   *
   * @return the number of items handled; 0 when idle
   */
  int doWork() throws Exception;

  /** Thread name, e.g. {@code wg0-tx}. */
  String roleName();

  /** Called once on the agent's thread after the last {@link #doWork()}. */
  default void onClose() {}
}
