package io.portcullis.gateway.netlink.wg;

import static io.portcullis.gateway.netlink.wg.SetDeviceEncoderTest.key;

/** Lets tests in other packages reuse the dump seed of {@link GetDeviceParserTest}. */
public final class GetDeviceParserTestAccess {
  private GetDeviceParserTestAccess() {}

  public static byte[][] dump() throws Exception {
    return GetDeviceParserTest.dump(key(1), key(2), key(3), key(4), key(5));
  }
}
