package dev.kevy.sys;

import dev.kevy.sys.linux.fcntl_h;
import dev.kevy.sys.linux.uio_h;
import dev.kevy.sys.linux.unistd_h;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Descriptor I/O on nonblocking descriptors, and the descriptor housekeeping around it.
 *
 * <p>Results follow the module's convention: {@code >= 0} is the result, negative is
 * {@code -errno} (see {@link Errno}). Nothing here allocates: buffers are passed as
 * {@code (segment, offset, length)} and reach the kernel as a raw address (see the package
 * documentation).
 *
 * <p>{@link #read}, {@link #write}, {@link #readv}, {@link #writev} are <em>critical</em>
 * downcalls: cheap, but they hold up the GC for as long as the kernel takes, so they are for
 * nonblocking sockets, pipes and eventfds only. A regular file is never "nonblocking"; read and
 * write files with {@link Fs}.
 */
public final class Posix {

    /** fcntl command: get descriptor flags ({@link #FD_CLOEXEC}). */
    public static final int F_GETFD = pick(fcntl_h.F_GETFD(), dev.kevy.sys.macos.fcntl_h.F_GETFD());
    /** fcntl command: set descriptor flags. */
    public static final int F_SETFD = pick(fcntl_h.F_SETFD(), dev.kevy.sys.macos.fcntl_h.F_SETFD());
    /** fcntl command: get status flags ({@link #O_NONBLOCK}). */
    public static final int F_GETFL = pick(fcntl_h.F_GETFL(), dev.kevy.sys.macos.fcntl_h.F_GETFL());
    /** fcntl command: set status flags. */
    public static final int F_SETFL = pick(fcntl_h.F_SETFL(), dev.kevy.sys.macos.fcntl_h.F_SETFL());
    /** Descriptor flag: close on exec. */
    public static final int FD_CLOEXEC = pick(fcntl_h.FD_CLOEXEC(), dev.kevy.sys.macos.fcntl_h.FD_CLOEXEC());
    /** Status flag: nonblocking I/O. */
    public static final int O_NONBLOCK = pick(fcntl_h.O_NONBLOCK(), dev.kevy.sys.macos.fcntl_h.O_NONBLOCK());
    /** open flag: close on exec. */
    public static final int O_CLOEXEC = pick(fcntl_h.O_CLOEXEC(), dev.kevy.sys.macos.fcntl_h.O_CLOEXEC());

    private static final boolean LINUX = Platform.isLinux();

    static final MethodHandle READ = Downcalls.critical(
            LINUX ? unistd_h.read$address() : dev.kevy.sys.macos.unistd_h.read$address(),
            LINUX ? unistd_h.read$descriptor() : dev.kevy.sys.macos.unistd_h.read$descriptor());
    static final MethodHandle WRITE = Downcalls.critical(
            LINUX ? unistd_h.write$address() : dev.kevy.sys.macos.unistd_h.write$address(),
            LINUX ? unistd_h.write$descriptor() : dev.kevy.sys.macos.unistd_h.write$descriptor());
    private static final MethodHandle READV = Downcalls.critical(
            LINUX ? uio_h.readv$address() : dev.kevy.sys.macos.uio_h.readv$address(),
            LINUX ? uio_h.readv$descriptor() : dev.kevy.sys.macos.uio_h.readv$descriptor());
    private static final MethodHandle WRITEV = Downcalls.critical(
            LINUX ? uio_h.writev$address() : dev.kevy.sys.macos.uio_h.writev$address(),
            LINUX ? uio_h.writev$descriptor() : dev.kevy.sys.macos.uio_h.writev$descriptor());
    // The same calls without errno capture, tried first (see Downcalls.criticalNoErrno).
    static final MethodHandle READ_NO_ERRNO = Downcalls.criticalNoErrno(
            LINUX ? unistd_h.read$address() : dev.kevy.sys.macos.unistd_h.read$address(),
            LINUX ? unistd_h.read$descriptor() : dev.kevy.sys.macos.unistd_h.read$descriptor());
    static final MethodHandle WRITE_NO_ERRNO = Downcalls.criticalNoErrno(
            LINUX ? unistd_h.write$address() : dev.kevy.sys.macos.unistd_h.write$address(),
            LINUX ? unistd_h.write$descriptor() : dev.kevy.sys.macos.unistd_h.write$descriptor());
    private static final MethodHandle READV_NO_ERRNO = Downcalls.criticalNoErrno(
            LINUX ? uio_h.readv$address() : dev.kevy.sys.macos.uio_h.readv$address(),
            LINUX ? uio_h.readv$descriptor() : dev.kevy.sys.macos.uio_h.readv$descriptor());
    private static final MethodHandle WRITEV_NO_ERRNO = Downcalls.criticalNoErrno(
            LINUX ? uio_h.writev$address() : dev.kevy.sys.macos.uio_h.writev$address(),
            LINUX ? uio_h.writev$descriptor() : dev.kevy.sys.macos.uio_h.writev$descriptor());
    // getpid cannot fail, so it captures no errno (and has no capture slice to allocate).
    private static final MethodHandle GETPID = Downcalls.criticalNoErrno(
            LINUX ? unistd_h.getpid$address() : dev.kevy.sys.macos.unistd_h.getpid$address(),
            LINUX ? unistd_h.getpid$descriptor() : dev.kevy.sys.macos.unistd_h.getpid$descriptor());
    private static final MethodHandle CLOSE = Downcalls.blocking(
            LINUX ? unistd_h.close$address() : dev.kevy.sys.macos.unistd_h.close$address(),
            LINUX ? unistd_h.close$descriptor() : dev.kevy.sys.macos.unistd_h.close$descriptor());
    /** fcntl(int fd, int cmd, ...) called with one variadic int. */
    private static final MethodHandle FCNTL = Downcalls.variadic(
            LINUX ? fcntl_h.fcntl.address() : dev.kevy.sys.macos.fcntl_h.fcntl.address(),
            LINUX ? fcntl_h.fcntl.makeInvoker(fcntl_h.C_INT).descriptor()
                    : dev.kevy.sys.macos.fcntl_h.fcntl.makeInvoker(dev.kevy.sys.macos.fcntl_h.C_INT).descriptor(),
            2);
    /** pipe2(int[2], int) on Linux; pipe(int[2]) on macOS, which has no pipe2. */
    private static final MethodHandle PIPE = Downcalls.blocking(
            LINUX ? unistd_h.pipe2$address() : dev.kevy.sys.macos.unistd_h.pipe$address(),
            LINUX ? unistd_h.pipe2$descriptor() : dev.kevy.sys.macos.unistd_h.pipe$descriptor());

    private Posix() {}

    /**
     * {@code read(2)} into {@code length} bytes at {@code offset} of {@code base} (critical; for
     * nonblocking descriptors). Returns the byte count, 0 at end of stream, or {@code -errno}
     * ({@code -EAGAIN} when nothing is ready).
     */
    public static long read(int fd, MemorySegment base, long offset, long length) {
        long address = Downcalls.address(base, offset, length);
        try {
            long n = (long) READ_NO_ERRNO.invokeExact(fd, address, length);
            return n >= 0 ? n : readForErrno(fd, address, length);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /** A failed {@code read} again, capturing its errno (its own method: see {@link Downcalls#criticalNoErrno}). */
    static long readForErrno(int fd, long address, long length) {
        MemorySegment state = CallState.current();
        try {
            long n = (long) READ.invokeExact(state, fd, address, length);
            return n >= 0 ? n : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /**
     * {@code write(2)} of {@code length} bytes at {@code offset} of {@code base} (critical; for
     * nonblocking descriptors). Returns the count written (possibly short) or {@code -errno}.
     */
    public static long write(int fd, MemorySegment base, long offset, long length) {
        long address = Downcalls.address(base, offset, length);
        try {
            long n = (long) WRITE_NO_ERRNO.invokeExact(fd, address, length);
            return n >= 0 ? n : writeForErrno(fd, address, length);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /** A failed {@code write} again, capturing its errno (its own method: see {@link Downcalls#criticalNoErrno}). */
    static long writeForErrno(int fd, long address, long length) {
        MemorySegment state = CallState.current();
        try {
            long n = (long) WRITE.invokeExact(state, fd, address, length);
            return n >= 0 ? n : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /**
     * {@code readv(2)} with the first {@code count} entries of an iovec array built with
     * {@link Iovec} (critical). Returns the byte count, 0 at end of stream, or {@code -errno}.
     */
    public static long readv(int fd, MemorySegment iovecs, int count) {
        long address = Downcalls.address(iovecs, 0, count * Iovec.SIZE);
        try {
            long n = (long) READV_NO_ERRNO.invokeExact(fd, address, count);
            return n >= 0 ? n : readvForErrno(fd, address, count);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /** A failed {@code readv} again, capturing its errno (its own method: see {@link Downcalls#criticalNoErrno}). */
    static long readvForErrno(int fd, long address, int count) {
        MemorySegment state = CallState.current();
        try {
            long n = (long) READV.invokeExact(state, fd, address, count);
            return n >= 0 ? n : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /**
     * {@code writev(2)} of the first {@code count} entries of an iovec array built with
     * {@link Iovec} (critical). Returns the count written (possibly short) or {@code -errno}.
     */
    public static long writev(int fd, MemorySegment iovecs, int count) {
        long address = Downcalls.address(iovecs, 0, count * Iovec.SIZE);
        try {
            long n = (long) WRITEV_NO_ERRNO.invokeExact(fd, address, count);
            return n >= 0 ? n : writevForErrno(fd, address, count);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /** A failed {@code writev} again, capturing its errno (its own method: see {@link Downcalls#criticalNoErrno}). */
    static long writevForErrno(int fd, long address, int count) {
        MemorySegment state = CallState.current();
        try {
            long n = (long) WRITEV.invokeExact(state, fd, address, count);
            return n >= 0 ? n : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /**
     * {@code close(2)} (normal downcall: closing a socket with unsent data may take time).
     * Returns 0 or {@code -errno}; {@code -EBADF} for a descriptor that is not open. The descriptor
     * is released even when an error (other than EBADF) is returned: never retry a close.
     */
    public static int close(int fd) {
        MemorySegment state = CallState.current();
        try {
            int r = (int) CLOSE.invokeExact(state, fd);
            return r >= 0 ? r : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /** {@code fcntl(fd, cmd, arg)} for the int-argument commands. Returns the call's result or {@code -errno}. */
    public static int fcntl(int fd, int cmd, int arg) {
        MemorySegment state = CallState.current();
        try {
            int r = (int) FCNTL.invokeExact(state, fd, cmd, arg);
            return r >= 0 ? r : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /** Sets {@link #O_NONBLOCK} on {@code fd}. Returns 0 or {@code -errno}. */
    public static int setNonBlocking(int fd) {
        int flags = fcntl(fd, F_GETFL, 0);
        if (flags < 0 || (flags & O_NONBLOCK) != 0) {
            return Math.min(flags, 0);
        }
        return Math.min(fcntl(fd, F_SETFL, flags | O_NONBLOCK), 0);
    }

    /** Sets {@link #FD_CLOEXEC} on {@code fd}. Returns 0 or {@code -errno}. */
    public static int setCloseOnExec(int fd) {
        int flags = fcntl(fd, F_GETFD, 0);
        if (flags < 0 || (flags & FD_CLOEXEC) != 0) {
            return Math.min(flags, 0);
        }
        return Math.min(fcntl(fd, F_SETFD, flags | FD_CLOEXEC), 0);
    }

    /**
     * Creates a pipe whose two ends are nonblocking and close-on-exec (pipe2 on Linux; pipe and
     * fcntl on macOS). Stores the read end in {@code fds[0]} and the write end in {@code fds[1]}.
     * Returns 0 or {@code -errno}.
     */
    public static int pipe(int[] fds) {
        MemorySegment state = CallState.current();
        long ends = CallState.scratchAddress(state, 0);
        try {
            int r = LINUX
                    ? (int) PIPE.invokeExact(state, ends, O_NONBLOCK | O_CLOEXEC)
                    : (int) PIPE.invokeExact(state, ends);
            if (r < 0) {
                return -CallState.errno(state);
            }
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
        fds[0] = state.get(ValueLayout.JAVA_INT, CallState.SCRATCH);
        fds[1] = state.get(ValueLayout.JAVA_INT, CallState.SCRATCH + Integer.BYTES);
        if (!LINUX) {
            for (int fd : fds) {
                int r = setNonBlocking(fd);
                r = r < 0 ? r : setCloseOnExec(fd);
                if (r < 0) {
                    close(fds[0]);
                    close(fds[1]);
                    return r;
                }
            }
        }
        return 0;
    }

    /** {@code getpid(2)} (critical; it cannot fail or block). */
    public static int getpid() {
        try {
            return (int) GETPID.invokeExact();
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    static int pick(int linux, int macos) {
        return Platform.isLinux() ? linux : macos;
    }
}
