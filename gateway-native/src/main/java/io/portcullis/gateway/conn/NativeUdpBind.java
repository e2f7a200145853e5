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
 * <p>Offloads, probed at each {@link #open} as wireguard-go does: UDP GSO ({@code UDP_SEGMENT}, Linux 4.18+): a
 * run of datagrams of one size to one destination (the last may be shorter) goes out as one message of up to
 * {@link #GSO_MAX_SEGMENTS} datagrams, which the kernel (and a veth) carries as one buffer; UDP GRO
 * ({@code UDP_GRO}, Linux 5.0+): the kernel hands over runs of datagrams from one source as one message with
 * their size in a control message, and {@link #receive} cuts them apart again, over as many batches as needed. A
 * kernel that refuses either is used without it; a GSO send the kernel rejects (EIO, EINVAL) turns GSO off for
 * the socket. {@code -Dportcullis.gateway.udpOffload=false} turns both off.
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

  /** Whether {@link #open} tries UDP GSO/GRO at all. */
  static final boolean OFFLOAD = Boolean.parseBoolean(System.getProperty("portcullis.gateway.udpOffload", "true"));

  /** Most datagrams in one GSO message (the kernel's {@code UDP_MAX_SEGMENTS} is 64 or more). */
  static final int GSO_MAX_SEGMENTS = 64;

  /** Most payload bytes in one GSO message (below the 65,507 an IPv4 datagram can carry). */
  static final int GSO_MAX_BYTES = 65_000;

  private final int receiveCapacity;
  private final boolean offload;
  private volatile UdpSocket socket;
  private volatile boolean gso;
  private volatile boolean gro;
  private final java.util.concurrent.atomic.AtomicLong gsoMessages = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong groMessages = new java.util.concurrent.atomic.AtomicLong();
  // receive thread only
  private MessageVector receiveVector;
  private EndpointCodec receiveCodec;
  private int lastReceived;
  private int pendingMessages; // messages of the last recvmmsg
  private int pendingMessage; // the next one to hand out
  private int pendingOffset; // bytes of it handed out (GRO: several datagrams per message)
  private InetSocketAddress pendingFrom;
  private final ThreadLocal<SendState> sendState = new ThreadLocal<>();

  /** A bind that receives at most {@code receiveCapacity} datagrams per call. */
  public NativeUdpBind(int receiveCapacity) {
    this(receiveCapacity, OFFLOAD);
  }

  /** As {@link #NativeUdpBind(int)}, with UDP GSO/GRO tried ({@code offload}) or not. */
  public NativeUdpBind(int receiveCapacity, boolean offload) {
    this.receiveCapacity = receiveCapacity;
    this.offload = offload;
  }

  /** Whether sends use UDP GSO now. */
  public boolean gso() {
    return gso;
  }

  /** Messages sent with more than one datagram in them (GSO). */
  public long gsoMessages() {
    return gsoMessages.get();
  }

  /** Messages received with more than one datagram in them (GRO). */
  public long groMessages() {
    return groMessages.get();
  }

  /** Whether receives take UDP GRO messages. */
  public boolean gro() {
    return gro;
  }

  @Override
  public synchronized int open(int wantedPort) throws IOException {
    close();
    UdpSocket s = UdpSocket.open(wantedPort, SOCKET_BUFFER_BYTES);
    gso = offload && probe(s.fd, MessageVector.UDP_SEGMENT, "UDP_SEGMENT");
    gro = offload && enable(s.fd, MessageVector.UDP_GRO, "UDP_GRO");
    socket = s;
    LOG.log(Level.INFO, "udp port {0}: GSO {1}, GRO {2}", String.valueOf(s.port), gso ? "on" : "off", gro ? "on" : "off");
    LOG.log(
        Level.DEBUG,
        "udp port {0} ({1}), buffers rcv {2} snd {3}",
        String.valueOf(s.port),
        s.family == SocketCalls.AF_INET6 ? "dual-stack" : "IPv4 only",
        String.valueOf(s.receiveBuffer),
        String.valueOf(s.sendBuffer));
    return s.port;
  }

  /** Whether the kernel knows the UDP option (getsockopt answers). */
  private static boolean probe(int fd, int option, String name) {
    try {
      SocketCalls.getsockoptInt(fd, MessageVector.SOL_UDP, option, name);
      return true;
    } catch (SyscallException e) {
      return false;
    }
  }

  /** Sets the UDP option to 1; false if the kernel refuses it. */
  private static boolean enable(int fd, int option, String name) {
    try {
      SocketCalls.setsockopt(fd, MessageVector.SOL_UDP, option, 1, name);
      return true;
    } catch (SyscallException e) {
      return false;
    }
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
    if (pendingMessage < pendingMessages && receiveCodec.family() == s.family) {
      int n = drain(batch); // what the last recvmmsg brought and did not fit
      batch.count(n);
      return n;
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
    boolean control = gro;
    for (int i = 0; i < Math.min(lastReceived, want); i++) {
      v.resetForReceive(i, control);
    }
    lastReceived = 0;
    pendingMessages = pendingMessage = pendingOffset = 0;
    int n = SocketCalls.recvmmsg(s.fd, v.headers(0), want, SocketCalls.MSG_DONTWAIT, MemorySegment.NULL);
    if (n <= 0) {
      return n;
    }
    lastReceived = n;
    pendingMessages = n;
    return drain(batch);
  }

  /**
   * Hands out received messages into {@code batch} from index 0, one datagram per packet: a GRO message is cut
   * at its segment size. What does not fit stays for the next {@link #receive}.
   */
  private int drain(PacketBatch batch) {
    MessageVector v = receiveVector;
    int n = 0;
    while (n < batch.capacity() && pendingMessage < pendingMessages) {
      int i = pendingMessage;
      int len = v.length(i);
      int segment = gro ? v.receivedSegmentSize(i) : 0;
      if (pendingOffset == 0) {
        pendingFrom = receiveCodec.decode(v.addresses(), v.addressOffset(i));
        if (segment > 0 && segment < len) {
          groMessages.incrementAndGet();
        }
      }
      int take = segment > 0 ? Math.min(segment, len - pendingOffset) : len;
      if ((v.flags(i) & MessageVector.MSG_TRUNC) != 0 || take > batch.buffer(n).length || take < 0) {
        take = 0; // longer than any WireGuard message we accept: the data plane counts it as malformed
        segment = 0;
      } else {
        v.copyOut(i, pendingOffset, batch.buffer(n), 0, take);
      }
      batch.set(n, 0, take);
      batch.address(n, pendingFrom);
      n++;
      pendingOffset += take;
      if (segment <= 0 || pendingOffset >= len) {
        pendingMessage++;
        pendingOffset = 0;
      }
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
      boolean useGso = gso;
      while (i < end) {
        int k = 0;
        while (i < end && k < v.capacity()) {
          InetSocketAddress to = batch.address(i);
          byte[] sockaddr = st.codec.encode(to);
          int size = batch.length(i);
          if (sockaddr == null || size > v.bufferSize()) {
            unsendable++; // unreachable from this socket, or longer than any UDP datagram
            i++;
            continue;
          }
          v.copyIn(k, batch.buffer(i), batch.offset(i), size);
          v.destination(k, sockaddr, sockaddr.length);
          i++;
          int segments = 1;
          int total = size;
          // GSO: the following datagrams of the same size to the same place ride along; a shorter one ends the run.
          while (useGso
              && i < end
              && segments < GSO_MAX_SEGMENTS
              && batch.length(i) <= size
              && batch.length(i) > 0
              && total + batch.length(i) <= GSO_MAX_BYTES
              && (batch.address(i) == to || to.equals(batch.address(i)))) {
            int len = batch.length(i);
            v.append(k, total, batch.buffer(i), batch.offset(i), len);
            total += len;
            segments++;
            i++;
            if (len < size) {
              break;
            }
          }
          v.segmentSize(k, segments > 1 ? size : 0);
          if (segments > 1) {
            gsoMessages.incrementAndGet();
          }
          k++;
        }
        SyscallException f = sendAll(s, v, k);
        if (f != null && useGso && (f.errno() == Errno.EIO || f.errno() == Errno.EINVAL)) {
          gso = false; // e.g. a route whose device cannot segment: plain datagrams from now on
          useGso = false;
          LOG.log(Level.INFO, "udp port {0}: GSO send refused ({1}); GSO off", String.valueOf(s.port), f.getMessage());
        }
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
