package io.portcullis.core.application;

import java.util.Map;

/**
 * A new device; when the server generated its key pair, {@code privateKey} and {@code configs} (wg-quick text
 * per location id, with the key filled in) are given this once and never stored.
 */
public record CreatedDevice(DeviceView device, String privateKey, Map<Long, String> configs) {

  @Override
  public String toString() {
    return "CreatedDevice[" + device + ", privateKey=" + (privateKey == null ? "none" : "hidden") + "]";
  }
}
