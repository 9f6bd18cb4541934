package dev.kevy.sys;

import static dev.kevy.sys.Posix.pick;

import dev.kevy.sys.linux.socket_h;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * TCP sockets: creation, options, bind/listen/accept/connect, and the listener helper the runtime
 * starts each shard with. Every socket this class creates or accepts is nonblocking and
 * close-on-exec. Results follow the module's convention ({@code >= 0} result, {@code -errno}).
 *
 * <p>Only {@link #accept} is a hot path: it is a critical downcall that allocates nothing, and it
 * must be called on a nonblocking listener (those from {@link #openListener} are). On Linux it is
 * one {@code accept4}; macOS has no accept4, so there it is {@code accept} plus two fcntl calls.
 */
public final class Net {

    /** IPv4. */
    public static final int AF_INET = pick(socket_h.AF_INET(), dev.kevy.sys.macos.socket_h.AF_INET());
    /** IPv6. */
    public static final int AF_INET6 = pick(socket_h.AF_INET6(), dev.kevy.sys.macos.socket_h.AF_INET6());
    /** Stream socket type. */
    public static final int SOCK_STREAM = pick(socket_h.SOCK_STREAM(), dev.kevy.sys.macos.socket_h.SOCK_STREAM());
    /** Socket-level options ({@code 1} on Linux, {@code 0xffff} on macOS). */
    public static final int SOL_SOCKET = pick(socket_h.SOL_SOCKET(), dev.kevy.sys.macos.socket_h.SOL_SOCKET());
    /** Allow rebinding a port in TIME_WAIT. */
    public static final int SO_REUSEADDR = pick(socket_h.SO_REUSEADDR(), dev.kevy.sys.macos.socket_h.SO_REUSEADDR());
    /** Several listeners on one port (Linux balances connections among them; macOS does not). */
    public static final int SO_REUSEPORT = pick(socket_h.SO_REUSEPORT(), dev.kevy.sys.macos.socket_h.SO_REUSEPORT());
    /** Pending error, read after a nonblocking connect completes. */
    public static final int SO_ERROR = pick(socket_h.SO_ERROR(), dev.kevy.sys.macos.socket_h.SO_ERROR());
    /** Send buffer size. */
    public static final int SO_SNDBUF = pick(socket_h.SO_SNDBUF(), dev.kevy.sys.macos.socket_h.SO_SNDBUF());
    /** Receive buffer size. */
    public static final int SO_RCVBUF = pick(socket_h.SO_RCVBUF(), dev.kevy.sys.macos.socket_h.SO_RCVBUF());
    /** TCP keepalive probes. */
    public static final int SO_KEEPALIVE = pick(socket_h.SO_KEEPALIVE(), dev.kevy.sys.macos.socket_h.SO_KEEPALIVE());
    /** The system's listen backlog ceiling. */
    public static final int SOMAXCONN = pick(socket_h.SOMAXCONN(), dev.kevy.sys.macos.socket_h.SOMAXCONN());
    /** TCP option level. */
    public static final int IPPROTO_TCP = pick(socket_h.IPPROTO_TCP(), dev.kevy.sys.macos.socket_h.IPPROTO_TCP());
    /** IPv6 option level. */
    public static final int IPPROTO_IPV6 = pick(socket_h.IPPROTO_IPV6(), dev.kevy.sys.macos.socket_h.IPPROTO_IPV6());
    /** IPv6 socket refuses IPv4-mapped peers. */
    public static final int IPV6_V6ONLY = pick(socket_h.IPV6_V6ONLY(), dev.kevy.sys.macos.socket_h.IPV6_V6ONLY());
    /** Disable Nagle's algorithm. */
    public static final int TCP_NODELAY = pick(socket_h.TCP_NODELAY(), dev.kevy.sys.macos.socket_h.TCP_NODELAY());
    /** shutdown: no more receives. */
    public static final int SHUT_RD = pick(socket_h.SHUT_RD(), dev.kevy.sys.macos.socket_h.SHUT_RD());
    /** shutdown: no more sends (the peer reads end of stream). */
    public static final int SHUT_WR = pick(socket_h.SHUT_WR(), dev.kevy.sys.macos.socket_h.SHUT_WR());
    /** shutdown: both directions. */
    public static final int SHUT_RDWR = pick(socket_h.SHUT_RDWR(), dev.kevy.sys.macos.socket_h.SHUT_RDWR());

    private static final boolean LINUX = Platform.isLinux();
    /** Linux creates and accepts sockets nonblocking and close-on-exec in the same call. */
    private static final int ATOMIC_FLAGS = LINUX ? socket_h.SOCK_NONBLOCK() | socket_h.SOCK_CLOEXEC() : 0;

    private static final MethodHandle SOCKET = Downcalls.blocking(
            LINUX ? socket_h.socket$address() : dev.kevy.sys.macos.socket_h.socket$address(),
            LINUX ? socket_h.socket$descriptor() : dev.kevy.sys.macos.socket_h.socket$descriptor());
    private static final MethodHandle SETSOCKOPT = Downcalls.blocking(
            LINUX ? socket_h.setsockopt$address() : dev.kevy.sys.macos.socket_h.setsockopt$address(),
            LINUX ? socket_h.setsockopt$descriptor() : dev.kevy.sys.macos.socket_h.setsockopt$descriptor());
    private static final MethodHandle GETSOCKOPT = Downcalls.blocking(
            LINUX ? socket_h.getsockopt$address() : dev.kevy.sys.macos.socket_h.getsockopt$address(),
            LINUX ? socket_h.getsockopt$descriptor() : dev.kevy.sys.macos.socket_h.getsockopt$descriptor());
    private static final MethodHandle BIND = Downcalls.blocking(
            LINUX ? socket_h.bind$address() : dev.kevy.sys.macos.socket_h.bind$address(),
            LINUX ? socket_h.bind$descriptor() : dev.kevy.sys.macos.socket_h.bind$descriptor());
    private static final MethodHandle LISTEN = Downcalls.blocking(
            LINUX ? socket_h.listen$address() : dev.kevy.sys.macos.socket_h.listen$address(),
            LINUX ? socket_h.listen$descriptor() : dev.kevy.sys.macos.socket_h.listen$descriptor());
    /** accept4(fd, addr, len, flags) on Linux; accept(fd, addr, len) on macOS. */
    private static final MethodHandle ACCEPT = Downcalls.critical(
            LINUX ? socket_h.accept4$address() : dev.kevy.sys.macos.socket_h.accept$address(),
            LINUX ? socket_h.accept4$descriptor() : dev.kevy.sys.macos.socket_h.accept$descriptor());
    private static final MethodHandle CONNECT = Downcalls.blocking(
            LINUX ? socket_h.connect$address() : dev.kevy.sys.macos.socket_h.connect$address(),
            LINUX ? socket_h.connect$descriptor() : dev.kevy.sys.macos.socket_h.connect$descriptor());
    private static final MethodHandle GETSOCKNAME = Downcalls.blocking(
            LINUX ? socket_h.getsockname$address() : dev.kevy.sys.macos.socket_h.getsockname$address(),
            LINUX ? socket_h.getsockname$descriptor() : dev.kevy.sys.macos.socket_h.getsockname$descriptor());
    /** getpeername(fd, addr, len): Linux only (the completion engine's accepts carry no address). */
    private static final MethodHandle GETPEERNAME = LINUX
            ? Downcalls.blocking(socket_h.getpeername$address(), socket_h.getpeername$descriptor()) : null;
    private static final MethodHandle SHUTDOWN = Downcalls.blocking(
            LINUX ? socket_h.shutdown$address() : dev.kevy.sys.macos.socket_h.shutdown$address(),
            LINUX ? socket_h.shutdown$descriptor() : dev.kevy.sys.macos.socket_h.shutdown$descriptor());

    private Net() {}

    /** A new nonblocking, close-on-exec TCP socket of {@code family} ({@link #AF_INET} or {@link #AF_INET6}). Returns the fd or {@code -errno}. */
    public static int openSocket(int family) {
        MemorySegment state = CallState.current();
        int fd;
        try {
            fd = (int) SOCKET.invokeExact(state, family, SOCK_STREAM | ATOMIC_FLAGS, 0);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
        return fd < 0 ? -CallState.errno(state) : LINUX ? fd : nonBlockingCloexecOrClose(fd);
    }

    /** {@code setsockopt} with an int value. Returns 0 or {@code -errno}. */
    public static int setOption(int fd, int level, int name, int value) {
        MemorySegment state = CallState.current();
        state.set(ValueLayout.JAVA_INT, CallState.SCRATCH, value);
        try {
            int r = (int) SETSOCKOPT.invokeExact(state, fd, level, name, CallState.scratchAddress(state, 0), Integer.BYTES);
            return r >= 0 ? r : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /** {@code getsockopt} of an int option. Returns its value, or {@code -errno} (options with negative values are not representable). */
    public static int getOption(int fd, int level, int name) {
        MemorySegment state = CallState.current();
        state.set(ValueLayout.JAVA_INT, CallState.SCRATCH + Integer.BYTES, Integer.BYTES);
        try {
            int r = (int) GETSOCKOPT.invokeExact(state, fd, level, name,
                    CallState.scratchAddress(state, 0), CallState.scratchAddress(state, Integer.BYTES));
            return r >= 0 ? state.get(ValueLayout.JAVA_INT, CallState.SCRATCH) : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /** Enables or disables Nagle's algorithm. Returns 0 or {@code -errno}. */
    public static int setNoDelay(int fd, boolean on) {
        return setOption(fd, IPPROTO_TCP, TCP_NODELAY, on ? 1 : 0);
    }

    /** The pending socket error ({@code SO_ERROR}, cleared by reading): 0 when a nonblocking connect succeeded, else its errno; or {@code -errno}. */
    public static int socketError(int fd) {
        return getOption(fd, SOL_SOCKET, SO_ERROR);
    }

    /** Binds {@code fd} to {@code address:port} (port 0 picks a free one). Returns 0 or {@code -errno}. */
    public static int bind(int fd, InetAddress address, int port) {
        MemorySegment state = CallState.current();
        int length = SockAddr.encode(state, address, port);
        try {
            int r = (int) BIND.invokeExact(state, fd, CallState.scratchAddress(state, 0), length);
            return r >= 0 ? r : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /** Marks {@code fd} as listening. Returns 0 or {@code -errno}. */
    public static int listen(int fd, int backlog) {
        MemorySegment state = CallState.current();
        try {
            int r = (int) LISTEN.invokeExact(state, fd, backlog);
            return r >= 0 ? r : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /**
     * Accepts one pending connection on a nonblocking listener (critical downcall). Returns the new
     * nonblocking, close-on-exec fd, or {@code -errno}: {@code -EAGAIN} when none is pending.
     */
    public static int accept(int listenFd) {
        return accept(listenFd, 0L, 0L);
    }

    /** Bytes of a peer-address buffer for {@link #accept(int, MemorySegment)}: a sockaddr of either family, then its socklen_t. */
    public static final long PEER_ADDRESS_BYTES = SockAddr.MAX_SIZE + Integer.BYTES;

    /**
     * {@link #accept(int)} that also stores the peer's address in {@code peer}, a native segment
     * of {@link #PEER_ADDRESS_BYTES} the caller allocates once and reuses (read it with
     * {@link #isLocalHost}). Returns the new fd or {@code -errno}.
     */
    public static int accept(int listenFd, MemorySegment peer) {
        peer.set(ValueLayout.JAVA_INT_UNALIGNED, SockAddr.MAX_SIZE, (int) SockAddr.MAX_SIZE); // in: room; out: length
        return accept(listenFd, peer.address(), peer.address() + SockAddr.MAX_SIZE);
    }

    /** accept4 (or accept plus fcntl) with the peer address stored at {@code address} unless 0. */
    private static int accept(int listenFd, long address, long lengthAddress) {
        MemorySegment state = CallState.current();
        int fd;
        try {
            fd = LINUX
                    ? (int) ACCEPT.invokeExact(state, listenFd, address, lengthAddress, ATOMIC_FLAGS)
                    : (int) ACCEPT.invokeExact(state, listenFd, address, lengthAddress);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
        return fd < 0 ? -CallState.errno(state) : LINUX ? fd : nonBlockingCloexecOrClose(fd);
    }

    /**
     * Whether the peer address a {@link #accept(int, MemorySegment)} stored in {@code peer} is
     * exactly 127.0.0.1 or ::1, Redis's test for a local client (protected mode).
     */
    public static boolean isLocalHost(MemorySegment peer) {
        return SockAddr.isLocalHost(peer, 0);
    }

    /**
     * Starts connecting {@code fd} to {@code address:port}. On a nonblocking socket the usual
     * result is {@code -EINPROGRESS}: wait until it is writable, then read {@link #socketError}.
     * Returns 0 (connected at once) or {@code -errno}.
     */
    public static int connect(int fd, InetAddress address, int port) {
        MemorySegment state = CallState.current();
        int length = SockAddr.encode(state, address, port);
        try {
            int r = (int) CONNECT.invokeExact(state, fd, CallState.scratchAddress(state, 0), length);
            return r >= 0 ? r : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /** The local port {@code fd} is bound to (getsockname), or {@code -errno}. */
    public static int localPort(int fd) {
        MemorySegment state = CallState.current();
        long lengthAt = SockAddr.MAX_SIZE;
        state.set(ValueLayout.JAVA_INT_UNALIGNED, CallState.SCRATCH + lengthAt, (int) SockAddr.MAX_SIZE);
        try {
            int r = (int) GETSOCKNAME.invokeExact(state, fd,
                    CallState.scratchAddress(state, 0), CallState.scratchAddress(state, lengthAt));
            return r >= 0 ? SockAddr.port(state) : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /**
     * Whether the peer of connected socket {@code fd} is exactly 127.0.0.1 or ::1 (getpeername),
     * for sockets accepted without their address. Linux only; {@code false} if the call fails
     * (the peer is gone: it is no local client to serve).
     */
    public static boolean peerIsLocalHost(int fd) {
        if (!LINUX) {
            throw Downcalls.unsupported("getpeername");
        }
        MemorySegment state = CallState.current();
        long lengthAt = SockAddr.MAX_SIZE;
        state.set(ValueLayout.JAVA_INT_UNALIGNED, CallState.SCRATCH + lengthAt, (int) SockAddr.MAX_SIZE);
        try {
            int r = (int) GETPEERNAME.invokeExact(state, fd,
                    CallState.scratchAddress(state, 0), CallState.scratchAddress(state, lengthAt));
            return r >= 0 && SockAddr.isLocalHost(state, CallState.SCRATCH);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /** {@code shutdown(fd, how)} with {@link #SHUT_RD}, {@link #SHUT_WR} or {@link #SHUT_RDWR}. Returns 0 or {@code -errno}. */
    public static int shutdown(int fd, int how) {
        MemorySegment state = CallState.current();
        try {
            int r = (int) SHUTDOWN.invokeExact(state, fd, how);
            return r >= 0 ? r : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /**
     * Opens a nonblocking, close-on-exec TCP listener on {@code host:port} with SO_REUSEADDR and,
     * when {@code reusePort}, SO_REUSEPORT (one listener per shard on Linux). IPv6 hosts get an
     * AF_INET6 socket with the system's default dual-stack setting.
     *
     * @throws SysException naming the step that failed, for example
     *                      {@code "bind 127.0.0.1:6379: EADDRINUSE (Address already in use)"};
     *                      the socket is closed first
     */
    public static int openListener(InetAddress host, int port, int backlog, boolean reusePort) {
        String where = (host instanceof Inet6Address ? "[" + host.getHostAddress() + "]" : host.getHostAddress()) + ":" + port;
        int fd = SysException.check("socket for " + where, openSocket(host instanceof Inet6Address ? AF_INET6 : AF_INET));
        try {
            SysException.check("setsockopt SO_REUSEADDR on " + where, setOption(fd, SOL_SOCKET, SO_REUSEADDR, 1));
            if (reusePort) {
                SysException.check("setsockopt SO_REUSEPORT on " + where, setOption(fd, SOL_SOCKET, SO_REUSEPORT, 1));
            }
            SysException.check("bind " + where, bind(fd, host, port));
            SysException.check("listen " + where, listen(fd, backlog));
            return fd;
        } catch (SysException e) {
            Posix.close(fd);
            throw e;
        }
    }

    /**
     * {@link #openListener(InetAddress, int, int, boolean)} for a host name or literal address
     * (resolved once, here).
     *
     * @throws IllegalArgumentException when {@code host} does not resolve
     */
    public static int openListener(String host, int port, int backlog, boolean reusePort) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve listen host '" + host + "'", e);
        }
        return openListener(address, port, backlog, reusePort);
    }

    /** macOS path for sockets that could not be created nonblocking and close-on-exec atomically. */
    private static int nonBlockingCloexecOrClose(int fd) {
        int r = Posix.setNonBlocking(fd);
        r = r < 0 ? r : Posix.setCloseOnExec(fd);
        if (r < 0) {
            Posix.close(fd);
            return r;
        }
        return fd;
    }
}
