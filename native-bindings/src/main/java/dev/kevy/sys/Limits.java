package dev.kevy.sys;

import dev.kevy.sys.linux.process_h;
import dev.kevy.sys.linux.rlimit;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The open-descriptor limit ({@code RLIMIT_NOFILE}): a server with 10k connections needs more than
 * the usual soft limit of 1024, and may raise its soft limit up to the hard limit without privilege.
 * Results follow the module's convention; "unlimited" is reported as {@link Long#MAX_VALUE}.
 */
public final class Limits {

    private static final boolean LINUX = Platform.isLinux();
    private static final int RLIMIT_NOFILE = Posix.pick(process_h.RLIMIT_NOFILE(), dev.kevy.sys.macos.resource_h.RLIMIT_NOFILE());
    private static final long RLIM_INFINITY = LINUX ? process_h.RLIM_INFINITY() : dev.kevy.sys.macos.resource_h.RLIM_INFINITY();
    private static final long CUR = LINUX ? rlimit.rlim_cur$offset() : dev.kevy.sys.macos.rlimit.rlim_cur$offset();
    private static final long MAX = LINUX ? rlimit.rlim_max$offset() : dev.kevy.sys.macos.rlimit.rlim_max$offset();

    private static final MethodHandle GETRLIMIT = Downcalls.blocking(
            LINUX ? process_h.getrlimit$address() : dev.kevy.sys.macos.resource_h.getrlimit$address(),
            LINUX ? process_h.getrlimit$descriptor() : dev.kevy.sys.macos.resource_h.getrlimit$descriptor());
    private static final MethodHandle SETRLIMIT = Downcalls.blocking(
            LINUX ? process_h.setrlimit$address() : dev.kevy.sys.macos.resource_h.setrlimit$address(),
            LINUX ? process_h.setrlimit$descriptor() : dev.kevy.sys.macos.resource_h.setrlimit$descriptor());

    private Limits() {}

    /** The soft (enforced) open-descriptor limit, or {@code -errno}. */
    public static long openFilesSoft() {
        MemorySegment state = CallState.current();
        int r = get(state);
        return r < 0 ? r : unlimitedAsMax(state.get(ValueLayout.JAVA_LONG, CallState.SCRATCH + CUR));
    }

    /** The hard open-descriptor limit (the most the soft limit may be raised to), or {@code -errno}. */
    public static long openFilesHard() {
        MemorySegment state = CallState.current();
        int r = get(state);
        return r < 0 ? r : unlimitedAsMax(state.get(ValueLayout.JAVA_LONG, CallState.SCRATCH + MAX));
    }

    /**
     * Raises the soft open-descriptor limit to {@code wanted}, capped at the hard limit; never
     * lowers it. Returns the soft limit now in force, or {@code -errno} (macOS refuses values above
     * its kernel's OPEN_MAX with {@code -EINVAL}).
     */
    public static long raiseOpenFiles(long wanted) {
        MemorySegment state = CallState.current();
        int r = get(state);
        if (r < 0) {
            return r;
        }
        long soft = unlimitedAsMax(state.get(ValueLayout.JAVA_LONG, CallState.SCRATCH + CUR));
        long hard = unlimitedAsMax(state.get(ValueLayout.JAVA_LONG, CallState.SCRATCH + MAX));
        long target = Math.min(wanted, hard);
        if (target <= soft) {
            return soft;
        }
        state.set(ValueLayout.JAVA_LONG, CallState.SCRATCH + CUR, target == Long.MAX_VALUE ? RLIM_INFINITY : target);
        try {
            r = (int) SETRLIMIT.invokeExact(state, RLIMIT_NOFILE, CallState.scratchAddress(state, 0));
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
        return r < 0 ? -CallState.errno(state) : target;
    }

    private static int get(MemorySegment state) {
        try {
            int r = (int) GETRLIMIT.invokeExact(state, RLIMIT_NOFILE, CallState.scratchAddress(state, 0));
            return r >= 0 ? r : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    private static long unlimitedAsMax(long value) {
        return value == RLIM_INFINITY || value < 0 ? Long.MAX_VALUE : value;
    }
}
