package io.portcullis.gateway.conn;

import io.portcullis.gateway.sys.Errno;
import io.portcullis.gateway.sys.FileCalls;
import io.portcullis.gateway.sys.MessageVector;
import io.portcullis.gateway.sys.SocketCalls;
import io.portcullis.gateway.sys.SyscallException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;

/**
 * The production {@link Bind} on Linux: one non-blocking dual-stack UDP socket (IPv6, carrying IPv4 as mapped
 * addresses; IPv4 only when the host has no IPv6) driven through the {@code sys} layer, a whole batch per
 * system call: recvmmsg(2) on receive, sendmmsg(2) for {@link #send(PacketBatch, int, int)}.
 *
 * <p>Packets are copied once between the kernel-facing native buffers of a {@link MessageVector} and the heap
 * buffers of the {@link PacketBatch} (the AEAD works on arrays); a copy of 1.5 KB costs far less than the system
 * call it saves. Source and destination addresses go through {@link EndpointCodec} caches, so the steady state
 * allocates nothing. Socket buffers are 7 MiB (SO_RCVBUFFORCE/SO_SNDBUFFORCE with CAP_NET_ADMIN, else as much as
 * {@code net.core.rmem_max}/{@code wmem_max} allow), as wireguard-go sets them, so that a descheduled receive
 * thread does not lose datagrams.
 *
 * <p>Threads: {@link #receive} by one thread; {@link #send} from any threads, each with its own encode cache and
 * native send vector; {@link #open} and {@link #close} from any thread, also while others are inside a call
 * (see {@link UdpSocket}).
 */
public final class NativeUdpBind implements Bind {
  private static final System.Logger LOG = System.getLogger(NativeUdpBind.class.getName());

  /** Longest an idle {@link #receive} waits before returning 0. */
  public static final int POLL_MILLIS = 100;

  /** Socket buffer size requested for both directions (wireguard-go's {@code socketBufferSize}). */
  public static final int SOCKET_BUFFER_BYTES = 7 << 20;

  /** Largest datagram received; anything longer is truncated by the kernel and dropped as malformed. */
  static final int DATAGRAM_BUFFER_SIZE = 65_536;

  /** Send vector size: a batch larger than this goes out in several sendmmsg calls. */
  static final int SEND_VECTOR_SIZE = 32;

  /** How long a send waits in total for room in a full socket buffer before dropping (TCP inside needs it). */
  static final int SEND_WAIT_MILLIS = 40;

  private final int receiveCapacity;
  private volatile UdpSocket socket;
  // receive thread only
  private MessageVector receiveVector;
  private EndpointCodec receiveCodec;
  private int lastReceived;
  private final ThreadLocal<SendState> sendState = new ThreadLocal<>();

  /** A bind that receives at most {@code receiveCapacity} datagrams per call. */
  public NativeUdpBind(int receiveCapacity) {
    this.receiveCapacity = receiveCapacity;
  }

  @Override
  public synchronized int open(int wantedPort) throws IOException {
    close();
    UdpSocket s = UdpSocket.open(wantedPort, SOCKET_BUFFER_BYTES);
    socket = s;
    LOG.log(
        Level.DEBUG,
        "udp port {0} ({1}), buffers rcv {2} snd {3}",
        String.valueOf(s.port),
        s.family == SocketCalls.AF_INET6 ? "dual-stack" : "IPv4 only",
        String.valueOf(s.receiveBuffer),
        String.valueOf(s.sendBuffer));
    return s.port;
  }

  @Override
  public int port() {
    UdpSocket s = socket;
    return s == null ? 0 : s.port;
  }

  /** Receive thread only. */
  @Override
  public int receive(PacketBatch batch) throws IOException {
    UdpSocket s = socket;
    if (s == null) {
      batch.count(0);
      return -1;
    }
    if (!s.enter()) {
      batch.count(0);
      return 0; // closed under us; the next call sees the new socket or null
    }
    try {
      prepareReceive(s.family);
      int n = receiveNow(s, batch);
      if (n == -Errno.EAGAIN || n == -Errno.EINTR) {
        if (!s.awaitReadable(POLL_MILLIS)) {
          batch.count(0);
          return 0;
        }
        n = Math.max(receiveNow(s, batch), 0);
      }
      batch.count(n);
      return n;
    } finally {
      s.exit();
    }
  }

  private void prepareReceive(int family) {
    if (receiveVector == null) {
      receiveVector = new MessageVector(Arena.ofAuto(), receiveCapacity, DATAGRAM_BUFFER_SIZE);
      lastReceived = receiveCapacity;
    }
    if (receiveCodec == null || receiveCodec.family() != family) {
      receiveCodec = new EndpointCodec(family);
    }
  }

  /** One recvmmsg; the count, or -EAGAIN/-EINTR. */
  private int receiveNow(UdpSocket s, PacketBatch batch) throws SyscallException {
    MessageVector v = receiveVector;
    int want = Math.min(v.capacity(), batch.capacity());
    for (int i = 0; i < Math.min(lastReceived, want); i++) {
      v.resetForReceive(i);
    }
    lastReceived = 0;
    int n = SocketCalls.recvmmsg(s.fd, v.headers(0), want, SocketCalls.MSG_DONTWAIT, MemorySegment.NULL);
    if (n <= 0) {
      return n;
    }
    lastReceived = n;
    for (int i = 0; i < n; i++) {
      int len = v.length(i);
      if ((v.flags(i) & MessageVector.MSG_TRUNC) != 0 || len > batch.buffer(i).length) {
        len = 0; // longer than any WireGuard message we accept: the data plane counts it as malformed
      } else {
        v.copyOut(i, batch.buffer(i), 0);
      }
      batch.set(i, 0, len);
      batch.address(i, receiveCodec.decode(v.addresses(), v.addressOffset(i)));
    }
    return n;
  }

  /** Any thread; waits a bounded time when the socket buffer is full, then drops. */
  @Override
  public void send(byte[] buf, int off, int len, InetSocketAddress to) throws IOException {
    UdpSocket s = enterForSend();
    try {
      byte[] sockaddr = state(s.family).codec.encode(to);
      if (sockaddr == null) {
        throw new IOException("cannot send to " + to + " from an IPv4-only socket");
      }
      MemorySegment name = MemorySegment.ofArray(sockaddr);
      long deadline = 0;
      while (true) {
        int r = SocketCalls.sendto(s.fd, buf, off, len, SocketCalls.MSG_DONTWAIT, name);
        if (r >= 0) {
          return;
        }
        if (r == -Errno.EAGAIN) {
          long now = System.nanoTime();
          if (deadline == 0) {
            deadline = now + SEND_WAIT_MILLIS * 1_000_000L;
          } else if (now - deadline > 0) {
            return; // dropped: the buffer stayed full
          }
          s.awaitWritable(1);
        }
      }
    } finally {
      s.exit();
    }
  }

  /**
   * Sends packets {@code from..from+count} of {@code batch}, each to its {@link PacketBatch#address}, with as few
   * sendmmsg calls as the vector size allows. A message the kernel refuses (e.g. no route), or that this socket
   * cannot carry (an IPv6 destination on an IPv4-only socket), is skipped and the rest still go; the first such
   * failure is thrown at the end, after the whole batch was tried, so the caller counts the drop.
   */
  @Override
  public void send(PacketBatch batch, int from, int count) throws IOException {
    UdpSocket s = enterForSend();
    try {
      SendState st = state(s.family);
      MessageVector v = st.vector();
      SyscallException failure = null;
      int unsendable = 0;
      int i = from;
      int end = from + count;
      while (i < end) {
        int k = 0;
        for (; i < end && k < v.capacity(); i++) {
          byte[] sockaddr = st.codec.encode(batch.address(i));
          if (sockaddr == null || batch.length(i) > v.bufferSize()) {
            unsendable++; // unreachable from this socket, or longer than any UDP datagram
            continue;
          }
          v.copyIn(k, batch.buffer(i), batch.offset(i), batch.length(i));
          v.destination(k, sockaddr, sockaddr.length);
          k++;
        }
        SyscallException f = sendAll(s, v, k);
        failure = failure == null ? f : failure;
      }
      if (failure != null) {
        throw failure;
      }
      if (unsendable > 0) {
        throw new IOException(unsendable + " datagram(s) unreachable from this socket or too long; dropped");
      }
    } finally {
      s.exit();
    }
  }

  /** sendmmsg until all {@code k} messages went out, skipping refused ones, waiting bounded on a full buffer. */
  private static SyscallException sendAll(UdpSocket s, MessageVector v, int k) {
    SyscallException failure = null;
    int done = 0;
    long deadline = 0;
    while (done < k) {
      int r;
      try {
        r = SocketCalls.sendmmsg(s.fd, v.headers(done), k - done, SocketCalls.MSG_DONTWAIT);
      } catch (SyscallException e) {
        failure = failure == null ? e : failure;
        done++; // the first message of the call was refused; the kernel sent nothing
        continue;
      }
      if (r > 0) {
        done += r;
        deadline = 0;
      } else if (r == -Errno.EAGAIN) {
        long now = System.nanoTime();
        if (deadline == 0) {
          deadline = now + SEND_WAIT_MILLIS * 1_000_000L;
        } else if (now - deadline > 0) {
          break; // the rest is dropped: the buffer stayed full
        }
        s.awaitWritable(1);
      }
    }
    return failure;
  }

  private UdpSocket enterForSend() throws ClosedChannelException {
    UdpSocket s = socket;
    if (s == null || !s.enter()) {
      throw new ClosedChannelException();
    }
    return s;
  }

  private SendState state(int family) {
    SendState st = sendState.get();
    if (st == null || st.codec.family() != family) {
      st = new SendState(new EndpointCodec(family));
      sendState.set(st);
    }
    return st;
  }

  @Override
  public synchronized void close() {
    UdpSocket s = socket;
    socket = null;
    if (s != null) {
      s.close();
    }
  }

  /** A sending thread's encode cache and (on first batch send) its native message vector. */
  private static final class SendState {
    final EndpointCodec codec;
    private MessageVector vector;

    SendState(EndpointCodec codec) {
      this.codec = codec;
    }

    MessageVector vector() {
      if (vector == null) {
        vector = new MessageVector(Arena.ofAuto(), SEND_VECTOR_SIZE, DATAGRAM_BUFFER_SIZE);
      }
      return vector;
    }
  }
}
