package dev.kevy.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final List<Integer> fds = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    private Arena arena;
    private int epfd;
    private MemorySegment events;

    @BeforeEach
    void open() {
        assumeTrue(Platform.isLinux(), "these tests wait for readiness with epoll");
        arena = Arena.ofConfined();
        epfd = track(SysException.check("epoll_create1", Epoll.create()));
        events = Epoll.allocateEvents(arena, 4);
    }

    @AfterEach
    void close() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        for (int fd : fds) {
            Posix.close(fd);
        }
        if (arena != null) {
            arena.close();
        }
    }

    @Test
    void tcpRoundTripBetweenAnFfmListenerAndAJavaNetClient() throws IOException {
        int listener = track(Net.openListener(LOOPBACK, 0, 16, false));
        int port = Net.localPort(listener);
        assertTrue(port > 0, "getsockname reports the kernel-chosen port");
        assertEquals(-Errno.EAGAIN, Net.accept(listener), "nonblocking listener, nobody connecting yet");

        Socket client = connect(port);
        int conn = acceptWhenReady(listener);
        assertEquals(0, Net.setNoDelay(conn, true));
        assertEquals(1, Net.getOption(conn, Net.IPPROTO_TCP, Net.TCP_NODELAY));
        assertEquals(Posix.O_NONBLOCK, Posix.fcntl(conn, Posix.F_GETFL, 0) & Posix.O_NONBLOCK, "accepted nonblocking");
        assertEquals(Posix.FD_CLOEXEC, Posix.fcntl(conn, Posix.F_GETFD, 0) & Posix.FD_CLOEXEC, "accepted close-on-exec");

        client.getOutputStream().write("PING".getBytes(StandardCharsets.US_ASCII));
        waitReadable(conn);
        MemorySegment buffer = arena.allocate(64);
        assertEquals(4, Posix.read(conn, buffer, 10, 54));
        assertEquals("PING", ascii(buffer, 10, 4));

        buffer.setString(0, "PONG", StandardCharsets.US_ASCII);
        assertEquals(4, Posix.write(conn, buffer, 0, 4));
        assertEquals("PONG", new String(client.getInputStream().readNBytes(4), StandardCharsets.US_ASCII));

        client.close();
        waitReadable(conn);
        assertEquals(0, Posix.read(conn, buffer, 0, 64), "end of stream after the peer closed");
    }

    @Test
    void acceptReportsWhetherThePeerIsExactly127001OrColonColon1() throws IOException {
        MemorySegment peer = arena.allocate(Net.PEER_ADDRESS_BYTES, 8);
        int v4 = track(Net.openListener(InetAddress.getByName("127.0.0.1"), 0, 16, false));
        int port = Net.localPort(v4);
        sockets.add(new Socket(InetAddress.getByName("127.0.0.1"), port));
        waitReadable(v4);
        track(SysException.check("accept", Net.accept(v4, peer)));
        assertTrue(Net.isLocalHost(peer), "127.0.0.1 is local");

        // Another loopback source address: Redis compares the printed address, so it is not local.
        sockets.add(new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName("127.0.0.2"), 0));
        waitReadable(v4);
        track(SysException.check("accept", Net.accept(v4, peer)));
        assertFalse(Net.isLocalHost(peer), "127.0.0.2 is not local");

        InetAddress v6Loopback = InetAddress.getByName("::1");
        int v6;
        try {
            v6 = track(Net.openListener(v6Loopback, 0, 16, false));
        } catch (SysException noIpv6) {
            return; // no IPv6 loopback on this host: the IPv4 cases above still ran
        }
        sockets.add(new Socket(v6Loopback, Net.localPort(v6)));
        waitReadable(v6);
        track(SysException.check("accept", Net.accept(v6, peer)));
        assertTrue(Net.isLocalHost(peer), "::1 is local");
    }

    @Test
    void twoReusePortListenersBindTheSamePort() {
        int first = track(Net.openListener(LOOPBACK, 0, 16, true));
        int port = Net.localPort(first);
        int second = track(Net.openListener(LOOPBACK, port, 16, true));
        assertNotEquals(first, second);
        assertEquals(port, Net.localPort(second));
    }

    @Test
    void bindingABusyPortWithoutReusePortThrowsEaddrinuse() {
        int first = track(Net.openListener(LOOPBACK, 0, 16, false));
        int port = Net.localPort(first);
        SysException e = assertThrows(SysException.class, () -> track(Net.openListener(LOOPBACK, port, 16, false)));
        assertEquals(Errno.EADDRINUSE, e.errno());
        assertEquals("EADDRINUSE", e.errnoName());
        assertEquals("bind " + LOOPBACK.getHostAddress() + ":" + port + ": EADDRINUSE (Address already in use)",
                e.getMessage());
    }

    @Test
    void writevOfThreeBuffersArrivesAsTheirConcatenation() throws IOException {
        int listener = track(Net.openListener(LOOPBACK, 0, 16, false));
        Socket client = connect(Net.localPort(listener));
        int conn = acceptWhenReady(listener);

        MemorySegment a = arena.allocate(16);
        MemorySegment b = arena.allocate(16);
        MemorySegment c = arena.allocate(16);
        a.setString(0, "xxabc", StandardCharsets.US_ASCII);
        b.setString(0, "defg", StandardCharsets.US_ASCII);
        c.setString(0, "yhi", StandardCharsets.US_ASCII);
        MemorySegment iov = Iovec.allocate(arena, 3);
        Iovec.set(iov, 0, a, 2, 3);
        Iovec.set(iov, 1, b, 0, 4);
        Iovec.set(iov, 2, c, 1, 2);

        assertEquals(9, Posix.writev(conn, iov, 3));
        assertEquals("abcdefghi", new String(client.getInputStream().readNBytes(9), StandardCharsets.US_ASCII));
    }

    @Test
    void readvScattersOneReadOverTwoBuffers() throws IOException {
        int listener = track(Net.openListener(LOOPBACK, 0, 16, false));
        Socket client = connect(Net.localPort(listener));
        int conn = acceptWhenReady(listener);
        client.getOutputStream().write("0123456789".getBytes(StandardCharsets.US_ASCII));
        waitReadable(conn);

        MemorySegment head = arena.allocate(4);
        MemorySegment tail = arena.allocate(6);
        MemorySegment iov = Iovec.allocate(arena, 2);
        Iovec.set(iov, 0, head, 0, 4);
        Iovec.set(iov, 1, tail, 0, 6);
        assertEquals(10, Posix.readv(conn, iov, 2));
        assertEquals("0123", ascii(head, 0, 4));
        assertEquals("456789", ascii(tail, 0, 6));
    }

    @Test
    void nonblockingConnectCompletesWithoutSocketError() {
        int listener = track(Net.openListener(LOOPBACK, 0, 16, false));
        int fd = track(SysException.check("socket", Net.openSocket(Net.AF_INET)));
        int r = Net.connect(fd, LOOPBACK, Net.localPort(listener));
        assertTrue(r == 0 || r == -Errno.EINPROGRESS, "connect returned " + Errno.name(r));
        assertEquals(0, Epoll.ctl(epfd, Epoll.EPOLL_CTL_ADD, fd, Epoll.EPOLLOUT, fd));
        assertEquals(1, Epoll.wait(epfd, events, 4, 5_000));
        assertEquals(fd, Epoll.data(events, 0));
        assertEquals(0, Net.socketError(fd));
        assertEquals(0, Epoll.ctl(epfd, Epoll.EPOLL_CTL_DEL, fd, 0, 0));
        acceptWhenReady(listener);
    }

    @Test
    void ipv6ListenerAcceptsAnIpv6Client() throws IOException {
        InetAddress v6 = InetAddress.getByName("::1");
        int listener;
        try {
            listener = track(Net.openListener(v6, 0, 16, false));
        } catch (SysException e) {
            assumeTrue(false, "no IPv6 loopback on this host: " + e.getMessage());
            return;
        }
        int port = Net.localPort(listener);
        sockets.add(new Socket(v6, port));
        int conn = acceptWhenReady(listener);
        assertTrue(conn >= 0);
    }

    @Test
    void pipeEndsAreNonblockingAndCloseOnExec() {
        int[] ends = new int[2];
        assertEquals(0, Posix.pipe(ends));
        track(ends[0]);
        track(ends[1]);
        MemorySegment buffer = arena.allocate(8);
        assertEquals(-Errno.EAGAIN, Posix.read(ends[0], buffer, 0, 8));
        buffer.set(ValueLayout.JAVA_BYTE, 0, (byte) 42);
        assertEquals(1, Posix.write(ends[1], buffer, 0, 1));
        assertEquals(1, Posix.read(ends[0], buffer, 4, 4));
        assertEquals(42, buffer.get(ValueLayout.JAVA_BYTE, 4));
        for (int fd : ends) {
            assertEquals(Posix.FD_CLOEXEC, Posix.fcntl(fd, Posix.F_GETFD, 0) & Posix.FD_CLOEXEC);
        }
    }

    @Test
    void buffersAreBoundsCheckedBeforeTheKernelSeesThem() {
        MemorySegment buffer = arena.allocate(8);
        assertThrows(IndexOutOfBoundsException.class, () -> Posix.write(1, buffer, 4, 8));
        assertThrows(IllegalArgumentException.class, () -> Posix.write(1, MemorySegment.ofArray(new byte[8]), 0, 8));
        Arena closed = Arena.ofConfined();
        MemorySegment dead = closed.allocate(8);
        closed.close();
        assertThrows(IllegalStateException.class, () -> Posix.write(1, dead, 0, 8));
    }

    private int track(int fd) {
        fds.add(fd);
        return fd;
    }

    private Socket connect(int port) throws IOException {
        Socket s = new Socket(LOOPBACK, port);
        sockets.add(s);
        return s;
    }

    private int acceptWhenReady(int listener) {
        waitReadable(listener);
        return track(SysException.check("accept", Net.accept(listener)));
    }

    /** Blocks in epoll until {@code fd} is readable (5 s cap), then unregisters it. */
    private void waitReadable(int fd) {
        assertEquals(0, Epoll.ctl(epfd, Epoll.EPOLL_CTL_ADD, fd, Epoll.EPOLLIN, fd));
        assertEquals(1, Epoll.wait(epfd, events, 4, 5_000), "fd " + fd + " became readable");
        assertEquals(fd, Epoll.data(events, 0));
        assertEquals(0, Epoll.ctl(epfd, Epoll.EPOLL_CTL_DEL, fd, 0, 0));
    }

    private static String ascii(MemorySegment s, long offset, int length) {
        byte[] bytes = new byte[length];
        MemorySegment.copy(s, ValueLayout.JAVA_BYTE, offset, bytes, 0, length);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
