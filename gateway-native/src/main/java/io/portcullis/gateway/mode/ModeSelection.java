package io.portcullis.gateway.mode;

/**
 * The chosen mode and why it was chosen, kept for logs and status reports.
 *
 * @param mode kernel or userspace
 * @param reason one sentence, e.g. "forced by PORTCULLIS_USERSPACE=true"
 */
public record ModeSelection(GatewayMode mode, String reason) {

  @Override
  public String toString() {
    return mode.label() + " (" + reason + ")";
  }
}
