package io.portcullis.gateway.netlink;

import static io.portcullis.gateway.netlink.NetlinkUapi.NLMSG_DONE;
import static io.portcullis.gateway.netlink.NetlinkUapi.NLMSG_ERROR;
import static io.portcullis.gateway.netlink.NetlinkUapi.NLMSG_NOOP;
import static io.portcullis.gateway.netlink.NetlinkUapi.NLMSG_OVERRUN;
import static io.portcullis.gateway.netlink.NetlinkUapi.NLM_F_ACK;
import static io.portcullis.gateway.netlink.NetlinkUapi.NLM_F_DUMP;
import static io.portcullis.gateway.netlink.NetlinkUapi.NLM_F_REQUEST;

import io.portcullis.gateway.sys.Errno;
import io.portcullis.gateway.sys.FileCalls;
import io.portcullis.gateway.sys.SocketCalls;
import io.portcullis.gateway.sys.SyscallException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A netlink socket to the kernel (rtnetlink or generic netlink) that sends one request at a time and collects
 * its answer: an acknowledgement, replies, or a multipart dump ending in {@code NLMSG_DONE}.
 *
 * <p>Requests are numbered; answers with another sequence number (left over from an earlier request that timed
 * out) are skipped. Extended acks are requested, so refusals carry the kernel's text. A receive timeout bounds
 * every wait. Thread-safe: requests are serialized on the socket (control-plane traffic only).
 */
public final class NetlinkSocket implements AutoCloseable {
  /** Size of the receive buffer: the kernel fills dump datagrams up to this size. */
  public static final int RECEIVE_BUFFER_SIZE = 64 * 1024;
  /** Size of the send buffer: the largest request we build. */
  public static final int SEND_BUFFER_SIZE = 64 * 1024;
  private static final long RECEIVE_TIMEOUT_SECONDS = 5;
  /** Upper bound on datagrams read for one request, so a misbehaving peer cannot keep us forever. */
  private static final int MAX_DATAGRAMS_PER_REQUEST = 1_000_000;

  /** What a caller does with each reply message; the flyweight is only valid during the call. */
  @FunctionalInterface
  public interface ReplyHandler {
    void onMessage(NetlinkMessage message) throws IOException;
  }

  /** Writes the family header and attributes of a request; the nlmsghdr is already there. */
  @FunctionalInterface
  public interface RequestBody {
    void write(NetlinkMessageWriter writer);
  }

  private final int fd;
  private final int protocol;
  private final Arena arena = Arena.ofShared();
  private final MemorySegment receiveBuffer;
  private final MemorySegment sendBuffer;
  private final NetlinkMessageWriter writer;
  private final NetlinkMessage reply = new NetlinkMessage();
  private int sequence;
  private boolean closed;

  private NetlinkSocket(int fd, int protocol) {
    this.fd = fd;
    this.protocol = protocol;
    this.receiveBuffer = arena.allocate(RECEIVE_BUFFER_SIZE, 8);
    this.sendBuffer = arena.allocate(SEND_BUFFER_SIZE, 8);
    this.writer = new NetlinkMessageWriter(sendBuffer);
    this.sequence = (int) (System.nanoTime() & 0x3fffffff);
  }

  /** Opens a socket for {@code protocol} ({@link NetlinkUapi#NETLINK_ROUTE}, {@code NETLINK_GENERIC}). */
  public static NetlinkSocket open(int protocol) throws IOException {
    int fd = SocketCalls.socket(SocketCalls.AF_NETLINK, SocketCalls.SOCK_RAW | SocketCalls.SOCK_CLOEXEC, protocol);
    try (Arena call = Arena.ofConfined()) {
      trySetOption(fd, NetlinkUapi.NETLINK_EXT_ACK, "NETLINK_EXT_ACK");
      trySetOption(fd, NetlinkUapi.NETLINK_CAP_ACK, "NETLINK_CAP_ACK");
      MemorySegment timeout = call.allocate(16);
      timeout.set(ValueLayout.JAVA_LONG, 0, RECEIVE_TIMEOUT_SECONDS);
      SocketCalls.setsockopt(fd, SocketCalls.SOL_SOCKET, SocketCalls.SO_RCVTIMEO, timeout, "SO_RCVTIMEO");
      MemorySegment address = call.allocate(NetlinkUapi.SOCKADDR_NL_SIZE);
      address.set(ValueLayout.JAVA_SHORT, 0, (short) SocketCalls.AF_NETLINK);
      SocketCalls.bind(fd, address);
      return new NetlinkSocket(fd, protocol);
    } catch (IOException | RuntimeException e) {
      FileCalls.close(fd);
      throw e;
    }
  }

  private static void trySetOption(int fd, int option, String name) throws SyscallException {
    try {
      SocketCalls.setsockopt(fd, NetlinkUapi.SOL_NETLINK, option, 1, name);
    } catch (SyscallException e) {
      // Kernels before 4.12 lack extended acks; the requests still work, with less helpful errors.
      if (e.errnoName().equals("ENOPROTOOPT")) {
        return;
      }
      throw e;
    }
  }

  public int protocol() {
    return protocol;
  }

  /**
   * Sends a request and waits for its acknowledgement; replies the kernel sends before the ack go to {@code
   * replies} (may be null). {@code what} names the request in errors, e.g. {@code RTM_NEWLINK(wg0)}.
   */
  public synchronized void execute(String what, int type, int flags, RequestBody body, ReplyHandler replies)
      throws IOException {
    ensureOpen();
    int seq = nextSequence();
    writer.begin(type, flags | NLM_F_REQUEST | NLM_F_ACK, seq);
    body.write(writer);
    send(writer.finish());
    await(what, seq, false, replies);
  }

  /** Sends a dump request ({@code NLM_F_DUMP}) and hands every message before {@code NLMSG_DONE} to {@code each}. */
  public synchronized void dump(String what, int type, RequestBody body, ReplyHandler each) throws IOException {
    ensureOpen();
    int seq = nextSequence();
    writer.begin(type, NLM_F_REQUEST | NLM_F_DUMP, seq);
    body.write(writer);
    send(writer.finish());
    await(what, seq, true, each);
  }

  /**
   * Sends a request built elsewhere (whole message, header included) with a fresh sequence number and waits for
   * its acknowledgement. Used for requests split in advance, such as large WG_CMD_SET_DEVICE updates.
   */
  public synchronized void execute(String what, byte[] message, ReplyHandler replies) throws IOException {
    ensureOpen();
    if (message.length > SEND_BUFFER_SIZE || message.length < NetlinkUapi.NLMSG_HDRLEN) {
      throw new IllegalArgumentException("request of " + message.length + " bytes");
    }
    int seq = nextSequence();
    MemorySegment target = sendBuffer.asSlice(0, message.length);
    target.copyFrom(MemorySegment.ofArray(message));
    target.set(ValueLayout.JAVA_INT_UNALIGNED, NetlinkUapi.NLMSG_SEQ_OFFSET, seq);
    send(target);
    await(what, seq, false, replies);
  }

  private int nextSequence() {
    sequence = (sequence + 1) & 0x7fffffff;
    return sequence;
  }

  private void send(MemorySegment message) throws IOException {
    while (true) {
      long n = SocketCalls.sendto(fd, message, 0, MemorySegment.NULL);
      if (n == -Errno.EINTR) {
        continue;
      }
      if (n != message.byteSize()) {
        throw new IOException("netlink send of " + message.byteSize() + " bytes returned " + n);
      }
      return;
    }
  }

  private void await(String what, int seq, boolean dump, ReplyHandler handler) throws IOException {
    for (int datagrams = 0; datagrams < MAX_DATAGRAMS_PER_REQUEST; datagrams++) {
      long n = SocketCalls.recvfrom(fd, receiveBuffer, SocketCalls.MSG_TRUNC, MemorySegment.NULL, MemorySegment.NULL);
      if (n == -Errno.EINTR) {
        continue;
      }
      if (n == -Errno.EAGAIN) {
        throw new SyscallException(what + " (no answer in " + RECEIVE_TIMEOUT_SECONDS + " s)", Errno.ETIMEDOUT);
      }
      if (n > RECEIVE_BUFFER_SIZE) {
        throw new MalformedNetlinkException(what + ": answer of " + n + " bytes exceeds the receive buffer");
      }
      reply.wrap(receiveBuffer, n);
      while (reply.next()) {
        if (reply.sequence() != seq) {
          continue;
        }
        switch (reply.type()) {
          case NLMSG_NOOP, NLMSG_OVERRUN -> {}
          case NLMSG_ERROR -> {
            if (reply.error() != 0) {
              throw reply.toException(what);
            }
            if (!dump) {
              return;
            }
          }
          case NLMSG_DONE -> {
            if (reply.payloadLength() >= 4 && reply.error() < 0) {
              throw reply.toException(what);
            }
            return;
          }
          default -> {
            if (handler != null) {
              handler.onMessage(reply);
            }
          }
        }
      }
    }
    throw new IOException(what + ": more than " + MAX_DATAGRAMS_PER_REQUEST + " datagrams in one answer");
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("netlink socket closed");
    }
  }

  /** Closes the socket; idempotent. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      FileCalls.close(fd);
    } finally {
      arena.close();
    }
  }
}
