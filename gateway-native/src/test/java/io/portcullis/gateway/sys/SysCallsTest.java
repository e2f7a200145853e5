package io.portcullis.gateway.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class SysCallsTest {

  @Test
  void errnoNamesFollowTheLinuxNumbering() {
    assertThat(Errno.name(1)).isEqualTo("EPERM");
    assertThat(Errno.name(11)).isEqualTo("EAGAIN");
    assertThat(Errno.name(95)).isEqualTo("EOPNOTSUPP");
    assertThat(Errno.name(105)).isEqualTo("ENOBUFS");
    assertThat(Errno.name(133)).isEqualTo("EHWPOISON");
    assertThat(Errno.name(41)).isEqualTo("errno 41");
    assertThat(Errno.name(500)).isEqualTo("errno 500");
    assertThat(Errno.describe(Errno.EPERM)).isEqualTo("EPERM (Operation not permitted)");
  }

  @Test
  void failedOpenNamesTheCallAndTheErrno() {
    assertThatThrownBy(() -> FileCalls.open("/nonexistent/portcullis", FileCalls.O_RDONLY))
        .isInstanceOf(SyscallException.class)
        .hasMessage("open(/nonexistent/portcullis): ENOENT (No such file or directory)")
        .satisfies(e -> assertThat(((SyscallException) e).errno()).isEqualTo(Errno.ENOENT));
  }

  @Test
  void ioctlFailureCarriesTheRequestName() throws Exception {
    int[] pipe = FileCalls.pipe(FileCalls.O_CLOEXEC);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment ifreq = arena.allocate(40);
      // TUNSETIFF on a pipe: the kernel answers ENOTTY (25), "Inappropriate ioctl for device".
      assertThatThrownBy(() -> FileCalls.ioctl(pipe[0], 0x400454caL, ifreq, "TUNSETIFF"))
          .hasMessageStartingWith("ioctl(TUNSETIFF): ENOTTY (");
    } finally {
      FileCalls.close(pipe[0]);
      FileCalls.close(pipe[1]);
    }
  }

  @Test
  void heapArraysGoThroughAPipeWithoutCopiesAndEagainIsAValue() throws Exception {
    int[] pipe = FileCalls.pipe(FileCalls.O_NONBLOCK | FileCalls.O_CLOEXEC);
    try {
      byte[] out = new byte[100];
      for (int i = 0; i < out.length; i++) {
        out[i] = (byte) (i * 7);
      }
      assertThat(FileCalls.write(pipe[1], out, 10, 50)).isEqualTo(50);
      byte[] in = new byte[80];
      assertThat(FileCalls.read(pipe[0], in, 5, 70)).isEqualTo(50);
      for (int i = 0; i < 50; i++) {
        assertThat(in[5 + i]).isEqualTo(out[10 + i]);
      }
      assertThat(in[4]).isZero();
      assertThat(FileCalls.read(pipe[0], in, 0, 10)).isEqualTo(-Errno.EAGAIN);
    } finally {
      FileCalls.close(pipe[0]);
      FileCalls.close(pipe[1]);
    }
  }

  @Test
  void pollTimesOutAndThenSeesData() throws Exception {
    int[] pipe = FileCalls.pipe(FileCalls.O_NONBLOCK | FileCalls.O_CLOEXEC);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment pfd = arena.allocate(FileCalls.POLLFD_SIZE);
      pfd.set(ValueLayout.JAVA_INT, FileCalls.POLLFD_FD_OFFSET, pipe[0]);
      pfd.set(ValueLayout.JAVA_SHORT, FileCalls.POLLFD_EVENTS_OFFSET, FileCalls.POLLIN);
      assertThat(FileCalls.poll(pfd, 1, 10)).isZero();
      FileCalls.write(pipe[1], new byte[] {1}, 0, 1);
      assertThat(FileCalls.poll(pfd, 1, 1000)).isEqualTo(1);
      assertThat(pfd.get(ValueLayout.JAVA_SHORT, FileCalls.POLLFD_REVENTS_OFFSET) & FileCalls.POLLIN)
          .isEqualTo(FileCalls.POLLIN);
    } finally {
      FileCalls.close(pipe[0]);
      FileCalls.close(pipe[1]);
    }
  }

  @Test
  void errnoIsPerThread() throws Exception {
    Thread other =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    FileCalls.close(-1);
                  } catch (SyscallException e) {
                    assertThat(e.errnoName()).isEqualTo("EBADF");
                  }
                });
    assertThatThrownBy(() -> FileCalls.open("/nonexistent", 0))
        .satisfies(e -> assertThat(((SyscallException) e).errnoName()).isEqualTo("ENOENT"));
    other.join();
  }

  @Test
  void processCallsAnswer() throws Exception {
    assertThat(ProcessCalls.getpid()).isEqualTo((int) ProcessHandle.current().pid());
    assertThat(ProcessCalls.ifNameToIndex("lo")).isEqualTo(1);
    assertThatThrownBy(() -> ProcessCalls.ifNameToIndex("pc-none0")).hasMessageContaining("ENODEV");
    long caps = ProcessCalls.effectiveCapabilities();
    assertThat((caps >>> ProcessCalls.CAP_NET_ADMIN & 1) == 1).isEqualTo(ProcessCalls.geteuid() == 0);
  }
}
