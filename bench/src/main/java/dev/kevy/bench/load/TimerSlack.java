package dev.kevy.bench.load;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Asks Linux to fire the calling thread's timers on time.
 *
 * <p>By default the kernel may delay a sleeping thread's wake-up by up to 50 us (the timer slack)
 * to batch wake-ups. The open-loop sender sleeps until each intended send time, so that slack
 * would show up as send lag and inflate every measured latency. {@code prctl(PR_SET_TIMERSLACK, 1)}
 * lowers it to 1 ns for the calling thread only. Elsewhere (or without native access) it is a
 * no-op and the lag simply shows in the send-lag figures.
 */
final class TimerSlack {

    private static final int PR_SET_TIMERSLACK = 29;

    private TimerSlack() {
    }

    /** Lowers the calling thread's timer slack to 1 ns; true when the kernel accepted it. */
    @SuppressWarnings("restricted") // the one native call of the generator; run with --enable-native-access=ALL-UNNAMED
    static boolean minimise() {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return false;
        }
        try {
            Linker linker = Linker.nativeLinker();
            Optional<java.lang.foreign.MemorySegment> prctl = linker.defaultLookup().find("prctl");
            if (prctl.isEmpty()) {
                return false;
            }
            // int prctl(int option, ...): the slack is the first variadic argument, an unsigned long.
            MethodHandle call = linker.downcallHandle(prctl.get(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG),
                    Linker.Option.firstVariadicArg(1));
            return (int) call.invokeExact(PR_SET_TIMERSLACK, 1L) == 0;
        } catch (Throwable e) {
            return false;
        }
    }
}
