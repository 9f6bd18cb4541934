package dev.kevy.sys;

import dev.kevy.sys.linux.process_h;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Linux {@code prctl} for the one setting the runtime uses: the thread's timer slack. The kernel
 * may delay a sleeping thread's timer wake-up by up to the slack (50 µs by default) to batch
 * wake-ups; a parked shard whose poller times out wants 1 ns. On macOS the calls return
 * {@code -Errno.ENOTSUP}.
 */
public final class Prctl {

    /** prctl option: set the calling thread's timer slack in nanoseconds. */
    public static final int PR_SET_TIMERSLACK = process_h.PR_SET_TIMERSLACK();
    /** prctl option: read it back. */
    public static final int PR_GET_TIMERSLACK = process_h.PR_GET_TIMERSLACK();

    private static final boolean LINUX = Platform.isLinux();

    /** prctl(int option, ...) called with the four unsigned long arguments the kernel reads. */
    private static final MethodHandle PRCTL = LINUX
            ? Downcalls.variadic(process_h.prctl.address(),
                    process_h.prctl.makeInvoker(process_h.C_LONG, process_h.C_LONG, process_h.C_LONG, process_h.C_LONG)
                            .descriptor(),
                    1)
            : null;

    private Prctl() {}

    /** Sets the calling thread's timer slack ({@code nanos >= 1}). Returns 0 or {@code -errno}. */
    public static int setTimerSlackNanos(long nanos) {
        return call(PR_SET_TIMERSLACK, nanos);
    }

    /** The calling thread's timer slack in nanoseconds, or {@code -errno}. */
    public static int timerSlackNanos() {
        return call(PR_GET_TIMERSLACK, 0);
    }

    private static int call(int option, long arg) {
        if (!LINUX) {
            return -Errno.ENOTSUP;
        }
        MemorySegment state = CallState.current();
        try {
            int r = (int) PRCTL.invokeExact(state, option, arg, 0L, 0L, 0L);
            return r >= 0 ? r : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }
}
