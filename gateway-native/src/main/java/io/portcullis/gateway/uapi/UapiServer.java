package io.portcullis.gateway.uapi;

import io.portcullis.gateway.model.DeviceUpdate;
import io.portcullis.gateway.model.WireGuardDevice;
import java.io.IOException;
import java.net.BindException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Serves the UAPI protocol for one {@link WireGuardDevice} on a UNIX stream socket, so that the stock wg(8)
 * ({@code show}, {@code set}, {@code setconf}, {@code syncconf}, {@code showconf}) drives it.
 *
 * <p>Threads: one platform thread accepts; each connection runs on its own virtual thread; one shared scheduler
 * thread closes connections whose request takes longer than {@link UapiProtocol#REQUEST_TIMEOUT_MILLIS}. A
 * {@code set} is read to its empty line and parsed whole before the device sees one {@link DeviceUpdate}; a
 * malformed request answers {@code errno=22} and changes nothing.
 */
public final class UapiServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(UapiServer.class.getName());

  private final WireGuardDevice device;
  private final Path path;
  private final ServerSocketChannel server;
  private final ScheduledExecutorService watchdog;
  private final Thread acceptor;
  private volatile boolean closed;

  private UapiServer(WireGuardDevice device, Path path, ServerSocketChannel server) {
    this.device = device;
    this.path = path;
    this.server = server;
    this.watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("uapi-watchdog-" + device.name()).unstarted(r));
    this.acceptor = Thread.ofPlatform().daemon().name("uapi-accept-" + device.name()).unstarted(this::acceptLoop);
  }

  /** Serves {@code device} at {@code /var/run/wireguard/<name>.sock}. */
  public static UapiServer start(WireGuardDevice device) throws IOException {
    return start(device, UapiProtocol.socketPath(device.name()));
  }

  /**
   * Serves {@code device} at {@code path}: creates the directory, removes a stale socket file, binds, and
   * restricts the socket to its owner (0600).
   *
   * @throws IOException when another process answers on {@code path} already
   */
  public static UapiServer start(WireGuardDevice device, Path path) throws IOException {
    Files.createDirectories(path.getParent());
    if (Files.exists(path)) {
      if (UapiClient.answers(path)) {
        throw new IOException(path + " is in use by a running interface");
      }
      Files.delete(path);
      LOG.log(System.Logger.Level.INFO, "removed stale UAPI socket {0}", path);
    }
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      server.bind(UnixDomainSocketAddress.of(path));
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      server.close();
      throw e;
    }
    UapiServer s = new UapiServer(device, path, server);
    s.acceptor.start();
    LOG.log(System.Logger.Level.INFO, "UAPI listening on {0}", path);
    return s;
  }

  /** Where this server listens. */
  public Path path() {
    return path;
  }

  /** Stops accepting, deletes the socket file; connections in progress finish on their own. Idempotent. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    server.close();
    watchdog.shutdownNow();
    Files.deleteIfExists(path);
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        SocketChannel client = server.accept();
        Thread.ofVirtual().name("uapi-" + device.name()).start(() -> serve(client));
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        if (!closed) {
          LOG.log(System.Logger.Level.WARNING, "UAPI accept failed: {0}", e.toString());
        }
        return;
      }
    }
  }

  /** Answers requests on one connection until the client closes it; runs on the connection's virtual thread. */
  private void serve(SocketChannel client) {
    try (client) {
      UapiLineReader reader = new UapiLineReader(client);
      while (true) {
        ScheduledFuture<?> deadline = scheduleClose(client);
        try {
          reader.startRequest();
          String op = reader.readLine();
          if (op == null) {
            return;
          }
          String reply;
          boolean keepOpen = true;
          try {
            reply = switch (op) {
              case UapiProtocol.OP_GET -> get(reader);
              case UapiProtocol.OP_SET -> set(reader);
              default -> {
                keepOpen = false;
                throw new UapiException(UapiProtocol.EPROTO, "unknown operation");
              }
            };
          } catch (UapiException e) {
            LOG.log(System.Logger.Level.DEBUG, "UAPI request refused (errno {0}): {1}", e.errno(), e.getMessage());
            reply = errnoReply(e.errno());
          }
          write(client, reply);
          if (!keepOpen) {
            return;
          }
        } finally {
          if (deadline != null) {
            deadline.cancel(false);
          }
        }
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "UAPI connection ended: {0}", e.toString());
    } catch (UapiException e) {
      // A line or request over the limit: the stream cannot be resynchronised, so answer once and hang up.
      try {
        write(client, errnoReply(e.errno()));
      } catch (IOException ignored) {
        // The client is gone; nothing else to tell it.
      }
    }
  }

  private String get(UapiLineReader reader) throws IOException, UapiException {
    String end = reader.readLine();
    if (end == null || !end.isEmpty()) {
      throw new UapiException(UapiProtocol.EINVAL, "get=1 must be followed by an empty line");
    }
    StringBuilder out = new StringBuilder(256);
    UapiGetWriter.write(device.state(), out);
    return out.append(UapiProtocol.ERRNO).append("=0\n\n").toString();
  }

  private String set(UapiLineReader reader) throws IOException, UapiException {
    List<String> lines = new ArrayList<>();
    while (true) {
      String line = reader.readLine();
      if (line == null) {
        throw new UapiException(UapiProtocol.EINVAL, "connection closed inside a set request");
      }
      if (line.isEmpty()) {
        break;
      }
      lines.add(line);
    }
    DeviceUpdate update = UapiSetParser.parse(lines);
    try {
      device.apply(update);
    } catch (IllegalArgumentException e) {
      throw new UapiException(UapiProtocol.EINVAL, e.getMessage());
    } catch (BindException e) {
      throw new UapiException(UapiProtocol.EADDRINUSE, e.getMessage());
    } catch (IOException e) {
      throw new UapiException(UapiProtocol.EIO, String.valueOf(e.getMessage()));
    }
    LOG.log(
        System.Logger.Level.INFO,
        "{0}: configuration changed over UAPI ({1} peer change(s))",
        device.name(),
        update.peers().size());
    return UapiProtocol.ERRNO + "=0\n\n";
  }

  private ScheduledFuture<?> scheduleClose(SocketChannel client) {
    try {
      return watchdog.schedule(
          () -> {
            try {
              client.close();
            } catch (IOException ignored) {
              // Closing is all we wanted; a failure leaves nothing to clean up.
            }
          },
          UapiProtocol.REQUEST_TIMEOUT_MILLIS,
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // The server is closing; the connection ends with the client or with the JVM.
      return null;
    }
  }

  /** wg(8) and wireguard-go put the errno negated on the wire ({@code errno=-22}); wg negates it back. */
  private static String errnoReply(int errno) {
    return UapiProtocol.ERRNO + "=" + (-errno) + "\n\n";
  }

  private static void write(SocketChannel client, String reply) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(reply.getBytes(StandardCharsets.US_ASCII));
    while (buf.hasRemaining()) {
      client.write(buf);
    }
  }
}
