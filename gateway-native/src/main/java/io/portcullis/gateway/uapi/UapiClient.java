package io.portcullis.gateway.uapi;

import io.portcullis.gateway.model.DeviceState;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The client side of the UAPI protocol, as wg(8) speaks it: one connection per request. Used by {@code show},
 * {@code up} (to wait until a daemon answers) and tests. Thread-safe (no state).
 */
public final class UapiClient {

  private UapiClient() {}

  /** Names of the interfaces with a socket in {@link UapiProtocol#SOCKET_DIRECTORY} that answers, sorted. */
  public static List<String> interfaces() throws IOException {
    List<String> names = new ArrayList<>();
    if (!Files.isDirectory(UapiProtocol.SOCKET_DIRECTORY)) {
      return names;
    }
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(UapiProtocol.SOCKET_DIRECTORY, "*.sock")) {
      for (Path p : dir) {
        if (answers(p)) {
          String file = p.getFileName().toString();
          names.add(file.substring(0, file.length() - ".sock".length()));
        }
      }
    }
    names.sort(null);
    return names;
  }

  /** Whether something accepts connections on {@code socket}. */
  public static boolean answers(Path socket) {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Reads the configuration of the interface at {@code socket} (named {@code name}). */
  public static DeviceState get(String name, Path socket) throws IOException, UapiException {
    List<String> lines = request(socket, UapiProtocol.OP_GET + "\n\n");
    return UapiGetParser.parse(name, lines);
  }

  /** Sends a set request made of {@code lines} (without {@code set=1} and the empty line). */
  public static void set(Path socket, List<String> lines) throws IOException, UapiException {
    StringBuilder req = new StringBuilder(UapiProtocol.OP_SET).append('\n');
    for (String l : lines) {
      req.append(l).append('\n');
    }
    request(socket, req.append('\n').toString());
  }

  /**
   * Sends {@code request} verbatim and returns the reply lines before {@code errno=}.
   *
   * @throws UapiException when the reply carries a non-zero errno or is cut short
   */
  public static List<String> request(Path socket, String request) throws IOException, UapiException {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
      while (out.hasRemaining()) {
        ch.write(out);
      }
      UapiLineReader reader = new UapiLineReader(ch);
      List<String> lines = new ArrayList<>();
      while (true) {
        String line = reader.readLine();
        if (line == null || line.isEmpty()) {
          throw new UapiException(UapiProtocol.EPROTO, "reply from " + socket + " ended without errno");
        }
        if (line.startsWith(UapiProtocol.ERRNO + "=")) {
          int errno = parseErrno(line.substring(UapiProtocol.ERRNO.length() + 1));
          if (errno != 0) {
            throw new UapiException(Math.abs(errno), socket + " answered errno=" + errno);
          }
          return lines;
        }
        lines.add(line);
      }
    }
  }

  private static int parseErrno(String value) throws UapiException {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new UapiException(UapiProtocol.EPROTO, "errno '" + value + "' is not a number");
    }
  }
}
