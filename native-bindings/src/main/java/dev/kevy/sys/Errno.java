package dev.kevy.sys;

import dev.kevy.sys.linux.errno_h;
import java.lang.foreign.MemorySegment;

/**
 * errno values of this platform, their symbolic names and their strerror text.
 *
 * <h2>The return convention of this module</h2>
 * Every wrapper that can fail returns a primitive: a value {@code >= 0} is the call's result (a
 * descriptor, a byte count, 0 for "done"), a negative value is {@code -errno}. So
 * {@code n == -Errno.EAGAIN} tests for "would block", and nothing is allocated to report a failure:
 * the errno is captured by the linker into one per-thread segment, allocated once (see the package
 * documentation). Setup code that wants an exception instead calls
 * {@link SysException#check(String, int)}.
 *
 * <p>The constants come from the generated bindings of the running OS (values differ between Linux
 * and macOS: {@code EAGAIN} is 11 on Linux and 35 on macOS), so compare against these fields,
 * never against literals.
 */
public final class Errno {

    /** Operation not permitted. */
    public static final int EPERM = pick(errno_h.EPERM(), dev.kevy.sys.macos.errno_h.EPERM());

    /** No such file or directory. */
    public static final int ENOENT = pick(errno_h.ENOENT(), dev.kevy.sys.macos.errno_h.ENOENT());

    /** Interrupted system call; retry. */
    public static final int EINTR = pick(errno_h.EINTR(), dev.kevy.sys.macos.errno_h.EINTR());

    /** I/O error. */
    public static final int EIO = pick(errno_h.EIO(), dev.kevy.sys.macos.errno_h.EIO());

    /** Bad file descriptor. */
    public static final int EBADF = pick(errno_h.EBADF(), dev.kevy.sys.macos.errno_h.EBADF());

    /** Try again: a nonblocking descriptor has no data or no room. */
    public static final int EAGAIN = pick(errno_h.EAGAIN(), dev.kevy.sys.macos.errno_h.EAGAIN());

    /** Same value as {@link #EAGAIN} on Linux and macOS. */
    public static final int EWOULDBLOCK = pick(errno_h.EWOULDBLOCK(), dev.kevy.sys.macos.errno_h.EWOULDBLOCK());

    /** Out of memory. */
    public static final int ENOMEM = pick(errno_h.ENOMEM(), dev.kevy.sys.macos.errno_h.ENOMEM());

    /** Permission denied. */
    public static final int EACCES = pick(errno_h.EACCES(), dev.kevy.sys.macos.errno_h.EACCES());

    /** Bad address. */
    public static final int EFAULT = pick(errno_h.EFAULT(), dev.kevy.sys.macos.errno_h.EFAULT());

    /** File exists. */
    public static final int EEXIST = pick(errno_h.EEXIST(), dev.kevy.sys.macos.errno_h.EEXIST());

    /** Not a directory. */
    public static final int ENOTDIR = pick(errno_h.ENOTDIR(), dev.kevy.sys.macos.errno_h.ENOTDIR());

    /** Is a directory. */
    public static final int EISDIR = pick(errno_h.EISDIR(), dev.kevy.sys.macos.errno_h.EISDIR());

    /** Invalid argument. */
    public static final int EINVAL = pick(errno_h.EINVAL(), dev.kevy.sys.macos.errno_h.EINVAL());

    /** System-wide file table full. */
    public static final int ENFILE = pick(errno_h.ENFILE(), dev.kevy.sys.macos.errno_h.ENFILE());

    /** Per-process descriptor limit reached (see {@link Limits}). */
    public static final int EMFILE = pick(errno_h.EMFILE(), dev.kevy.sys.macos.errno_h.EMFILE());

    /** No space left on device. */
    public static final int ENOSPC = pick(errno_h.ENOSPC(), dev.kevy.sys.macos.errno_h.ENOSPC());

    /** Broken pipe: the peer closed. */
    public static final int EPIPE = pick(errno_h.EPIPE(), dev.kevy.sys.macos.errno_h.EPIPE());

    /** Function not implemented. */
    public static final int ENOSYS = pick(errno_h.ENOSYS(), dev.kevy.sys.macos.errno_h.ENOSYS());

    /** Not a socket. */
    public static final int ENOTSOCK = pick(errno_h.ENOTSOCK(), dev.kevy.sys.macos.errno_h.ENOTSOCK());

    /** Operation not supported on socket. */
    public static final int EOPNOTSUPP = pick(errno_h.EOPNOTSUPP(), dev.kevy.sys.macos.errno_h.EOPNOTSUPP());

    /** Operation not supported (equals {@link #EOPNOTSUPP} on Linux). */
    public static final int ENOTSUP = pick(errno_h.ENOTSUP(), dev.kevy.sys.macos.errno_h.ENOTSUP());

    /** Protocol not supported. */
    public static final int EPROTONOSUPPORT = pick(errno_h.EPROTONOSUPPORT(), dev.kevy.sys.macos.errno_h.EPROTONOSUPPORT());

    /** Address family not supported. */
    public static final int EAFNOSUPPORT = pick(errno_h.EAFNOSUPPORT(), dev.kevy.sys.macos.errno_h.EAFNOSUPPORT());

    /** Address already in use. */
    public static final int EADDRINUSE = pick(errno_h.EADDRINUSE(), dev.kevy.sys.macos.errno_h.EADDRINUSE());

    /** Cannot assign requested address. */
    public static final int EADDRNOTAVAIL = pick(errno_h.EADDRNOTAVAIL(), dev.kevy.sys.macos.errno_h.EADDRNOTAVAIL());

    /** Network is down. */
    public static final int ENETDOWN = pick(errno_h.ENETDOWN(), dev.kevy.sys.macos.errno_h.ENETDOWN());

    /** Network is unreachable. */
    public static final int ENETUNREACH = pick(errno_h.ENETUNREACH(), dev.kevy.sys.macos.errno_h.ENETUNREACH());

    /** Connection aborted before accept completed. */
    public static final int ECONNABORTED = pick(errno_h.ECONNABORTED(), dev.kevy.sys.macos.errno_h.ECONNABORTED());

    /** Connection reset by peer. */
    public static final int ECONNRESET = pick(errno_h.ECONNRESET(), dev.kevy.sys.macos.errno_h.ECONNRESET());

    /** No buffer space available. */
    public static final int ENOBUFS = pick(errno_h.ENOBUFS(), dev.kevy.sys.macos.errno_h.ENOBUFS());

    /** Operation canceled (an io_uring request cancelled before it finished). */
    public static final int ECANCELED = pick(errno_h.ECANCELED(), dev.kevy.sys.macos.errno_h.ECANCELED());

    /** Timer expired (an io_uring wait that reached its timeout). */
    public static final int ETIME = pick(errno_h.ETIME(), dev.kevy.sys.macos.errno_h.ETIME());

    /** Device or resource busy (io_uring: the completion queue overflowed). */
    public static final int EBUSY = pick(errno_h.EBUSY(), dev.kevy.sys.macos.errno_h.EBUSY());

    /** Already connected. */
    public static final int EISCONN = pick(errno_h.EISCONN(), dev.kevy.sys.macos.errno_h.EISCONN());

    /** Not connected. */
    public static final int ENOTCONN = pick(errno_h.ENOTCONN(), dev.kevy.sys.macos.errno_h.ENOTCONN());

    /** Timed out. */
    public static final int ETIMEDOUT = pick(errno_h.ETIMEDOUT(), dev.kevy.sys.macos.errno_h.ETIMEDOUT());

    /** Connection refused. */
    public static final int ECONNREFUSED = pick(errno_h.ECONNREFUSED(), dev.kevy.sys.macos.errno_h.ECONNREFUSED());

    /** No route to host. */
    public static final int EHOSTUNREACH = pick(errno_h.EHOSTUNREACH(), dev.kevy.sys.macos.errno_h.EHOSTUNREACH());

    /** Operation already in progress. */
    public static final int EALREADY = pick(errno_h.EALREADY(), dev.kevy.sys.macos.errno_h.EALREADY());

    /** Nonblocking connect started; wait for writability, then read SO_ERROR. */
    public static final int EINPROGRESS = pick(errno_h.EINPROGRESS(), dev.kevy.sys.macos.errno_h.EINPROGRESS());

    private static final String[] NAMES = names();

    private Errno() {}

    /**
     * The symbolic name of {@code errno}, for example {@code "EADDRINUSE"}; {@code "errno 42"} for a
     * value this class has no constant for. Accepts {@code -errno} as well, so a wrapper's negative
     * result can be passed as is.
     */
    public static String name(int errno) {
        int e = Math.abs(errno);
        String name = e < NAMES.length ? NAMES[e] : null;
        return name != null ? name : "errno " + e;
    }

    /**
     * The C library's message for {@code errno} ({@code strerror}), for example
     * {@code "Address already in use"}. Allocates a String: for setup paths and logs only.
     * Accepts {@code -errno} as well.
     */
    public static String message(int errno) {
        int e = Math.abs(errno);
        MemorySegment text = Platform.isLinux() ? errno_h.strerror(e) : dev.kevy.sys.macos.errno_h.strerror(e);
        return text.getString(0);
    }

    private static int pick(int linux, int macos) {
        return Platform.isLinux() ? linux : macos;
    }

    private static String[] names() {
        String[] names = new String[256];
        register(names, EPERM, "EPERM");
        register(names, ENOENT, "ENOENT");
        register(names, EINTR, "EINTR");
        register(names, EIO, "EIO");
        register(names, EBADF, "EBADF");
        register(names, EAGAIN, "EAGAIN");
        register(names, ENOMEM, "ENOMEM");
        register(names, EACCES, "EACCES");
        register(names, EFAULT, "EFAULT");
        register(names, EEXIST, "EEXIST");
        register(names, ENOTDIR, "ENOTDIR");
        register(names, EISDIR, "EISDIR");
        register(names, EINVAL, "EINVAL");
        register(names, ENFILE, "ENFILE");
        register(names, EMFILE, "EMFILE");
        register(names, ENOSPC, "ENOSPC");
        register(names, EPIPE, "EPIPE");
        register(names, ENOSYS, "ENOSYS");
        register(names, ENOTSOCK, "ENOTSOCK");
        register(names, EOPNOTSUPP, "EOPNOTSUPP");
        register(names, EPROTONOSUPPORT, "EPROTONOSUPPORT");
        register(names, EAFNOSUPPORT, "EAFNOSUPPORT");
        register(names, EADDRINUSE, "EADDRINUSE");
        register(names, EADDRNOTAVAIL, "EADDRNOTAVAIL");
        register(names, ENETDOWN, "ENETDOWN");
        register(names, ENETUNREACH, "ENETUNREACH");
        register(names, ECONNABORTED, "ECONNABORTED");
        register(names, ECONNRESET, "ECONNRESET");
        register(names, ENOBUFS, "ENOBUFS");
        register(names, ECANCELED, "ECANCELED");
        register(names, ETIME, "ETIME");
        register(names, EBUSY, "EBUSY");
        register(names, EISCONN, "EISCONN");
        register(names, ENOTCONN, "ENOTCONN");
        register(names, ETIMEDOUT, "ETIMEDOUT");
        register(names, ECONNREFUSED, "ECONNREFUSED");
        register(names, EHOSTUNREACH, "EHOSTUNREACH");
        register(names, EALREADY, "EALREADY");
        register(names, EINPROGRESS, "EINPROGRESS");
        register(names, ENOTSUP, "ENOTSUP"); // macOS only: on Linux it equals EOPNOTSUPP, registered first
        return names;
    }

    private static void register(String[] names, int errno, String name) {
        if (names[errno] == null) {
            names[errno] = name;
        }
    }
}
