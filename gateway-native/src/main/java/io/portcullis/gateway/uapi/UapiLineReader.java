package io.portcullis.gateway.uapi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * Reads newline-terminated ASCII lines from a channel with a bound on the line length and on the total bytes of
 * one request, so a client cannot make the server buffer without limit. Not thread-safe: one per connection.
 */
final class UapiLineReader {
  private final ReadableByteChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocate(8192);
  private final byte[] line = new byte[UapiProtocol.MAX_LINE_BYTES];
  private long requestBytes;

  UapiLineReader(ReadableByteChannel channel) {
    this.channel = channel;
    buffer.flip();
  }

  /** Starts counting the bytes of a new request against {@link UapiProtocol#MAX_REQUEST_BYTES}. */
  void startRequest() {
    requestBytes = 0;
  }

  /**
   * The next line without its newline, or {@code null} at end of stream before any byte of a line.
   *
   * @throws UapiException EINVAL when the line or the request is too long, or the stream ends inside a line
   */
  String readLine() throws IOException, UapiException {
    int length = 0;
    while (true) {
      if (!buffer.hasRemaining()) {
        buffer.clear();
        int n = channel.read(buffer);
        buffer.flip();
        if (n < 0) {
          if (length == 0) {
            return null;
          }
          throw new UapiException(UapiProtocol.EINVAL, "connection closed inside a line");
        }
        continue;
      }
      byte b = buffer.get();
      if (++requestBytes > UapiProtocol.MAX_REQUEST_BYTES) {
        throw new UapiException(UapiProtocol.EINVAL, "request longer than " + UapiProtocol.MAX_REQUEST_BYTES);
      }
      if (b == '\n') {
        return new String(line, 0, length, StandardCharsets.US_ASCII);
      }
      if (length == line.length) {
        throw new UapiException(UapiProtocol.EINVAL, "line longer than " + line.length + " bytes");
      }
      line[length++] = b;
    }
  }
}
