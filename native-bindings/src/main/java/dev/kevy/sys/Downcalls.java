package dev.kevy.sys;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Objects;

/**
 * Builds the errno-capturing method handles of the hand-written layer from the generated
 * bindings' symbols and descriptors.
 *
 * <p>Pointers as {@code long}: every pointer parameter of a generated descriptor becomes
 * {@link ValueLayout#JAVA_LONG} here, and callers pass {@code segment.address() + offset}. Passing
 * the segment itself would need a slice (a heap object) per call to express the offset. This is
 * valid on LP64 only, where a pointer is exactly 64 bits; the check below refuses anything else and
 * the ABI test proves {@code sizeof(void *) == 8} against the C compiler. What the linker no longer
 * checks for us, {@link #address} does: bounds, nativeness and that the segment's arena is alive.
 *
 * <p>Critical downcalls ({@code Linker.Option.critical(false)}) skip the thread-state transition,
 * which saves tens of nanoseconds, but the calling thread then holds up safepoints (and so the GC)
 * for the whole call. They are used only for calls that cannot block: I/O on nonblocking
 * descriptors, accept on a nonblocking listener, epoll_ctl, epoll_wait/kevent with a zero timeout,
 * getpid. Everything that may sleep (waits with a timeout, fsync, close, file I/O, connect) uses a
 * normal downcall.
 */
final class Downcalls {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    private static final Linker.Option CRITICAL = Linker.Option.critical(false);

    static {
        if (ValueLayout.ADDRESS.byteSize() != Long.BYTES) {
            throw new UnsupportedOperationException(
                    "dev.kevy.sys passes pointers as 64-bit longs and needs an LP64 platform; pointers here are "
                            + ValueLayout.ADDRESS.byteSize() + " bytes");
        }
    }

    private Downcalls() {}

    /** errno-capturing handle, normal downcall: {@code (MemorySegment state, args...) -> result}. */
    static MethodHandle blocking(MemorySegment symbol, FunctionDescriptor generated) {
        return LINKER.downcallHandle(symbol, addressesAsLongs(generated), CAPTURE_ERRNO);
    }

    /**
     * Normal downcall without errno capture: {@code (args...) -> result}. For the blocking wait of
     * a parked shard: a capturing normal downcall slices the capture segment on every call (40
     * bytes the JIT does not remove), which would make every park allocate. The caller learns the
     * errno of a failure by repeating the call in a capturing, non-blocking form.
     */
    static MethodHandle blockingNoErrno(MemorySegment symbol, FunctionDescriptor generated) {
        return LINKER.downcallHandle(symbol, addressesAsLongs(generated));
    }

    /** errno-capturing handle, critical downcall: only for calls that never block. */
    static MethodHandle critical(MemorySegment symbol, FunctionDescriptor generated) {
        return LINKER.downcallHandle(symbol, addressesAsLongs(generated), CAPTURE_ERRNO, CRITICAL);
    }

    /**
     * errno-capturing handle for a variadic function: {@code full} is the fixed parameters followed
     * by the variadic ones this call site passes, the first variadic one at {@code firstVariadic}.
     */
    static MethodHandle variadic(MemorySegment symbol, FunctionDescriptor full, int firstVariadic) {
        return LINKER.downcallHandle(symbol, addressesAsLongs(full), CAPTURE_ERRNO,
                Linker.Option.firstVariadicArg(firstVariadic));
    }

    /**
     * Critical downcall without errno capture: {@code (args...) -> result}. For the calls a shard
     * makes on every iteration (read, write, writev, epoll_wait, epoll_ctl and io_uring_enter
     * without a wait, eventfd): a capturing downcall slices the capture segment on every call, and in some call
     * chains the JIT keeps that 40-byte object (a deep cross-shard pipeline measured 120 bytes
     * per batch on the shard threads). The wrappers call this form first and repeat a failed call
     * in the capturing form to learn its errno; a repeated call is what the caller would have
     * done next anyway (nothing was read, written or consumed by the failure), so only failures,
     * which are rare on these paths, pay a second syscall.
     *
     * <p>The repeat lives in a small method of its own ({@code Posix.readForErrno} and the like),
     * never inline in the wrapper's failure branch. The capture's slice goes away only when the
     * JIT inlines the whole capturing chain into one compilation. A failure branch that was rare
     * when the wrapper was compiled (1 call in 100 or 1,000) is a cold call site, where C2 does not
     * inline a callee already compiled into a medium-sized method ({@code asSlice}, in any program
     * that slices segments); that compiled wrapper then allocated 40 bytes on every failure for as
     * long as it lived, even once every call failed (nothing deoptimizes it). A method of its own is
     * compiled by its own profile, in which the capturing call is the only call and hot
     * ({@code RareFailureAllocationTest} gives the wrappers that profile).
     */
    static MethodHandle criticalNoErrno(MemorySegment symbol, FunctionDescriptor generated) {
        return LINKER.downcallHandle(symbol, addressesAsLongs(generated), CRITICAL);
    }

    /** {@link #variadicCritical} without errno capture (see {@link #criticalNoErrno}). */
    static MethodHandle variadicCriticalNoErrno(MemorySegment symbol, FunctionDescriptor full, int firstVariadic) {
        return LINKER.downcallHandle(symbol, addressesAsLongs(full), CRITICAL, Linker.Option.firstVariadicArg(firstVariadic));
    }

    /** {@link #variadic}, critical: only for calls that never block. */
    static MethodHandle variadicCritical(MemorySegment symbol, FunctionDescriptor full, int firstVariadic) {
        return LINKER.downcallHandle(symbol, addressesAsLongs(full), CAPTURE_ERRNO, CRITICAL,
                Linker.Option.firstVariadicArg(firstVariadic));
    }

    /** {@link #variadic} without errno capture, for waits that must not allocate (see {@link #blockingNoErrno}). */
    static MethodHandle variadicNoErrno(MemorySegment symbol, FunctionDescriptor full, int firstVariadic) {
        return LINKER.downcallHandle(symbol, addressesAsLongs(full), Linker.Option.firstVariadicArg(firstVariadic));
    }

    /**
     * For a facility of another OS (epoll on macOS, kqueue on Linux): its class still loads and its
     * constants still read, but its handles are never built (the symbols do not exist) and every
     * call throws this.
     */
    static UnsupportedOperationException unsupported(String function) {
        return new UnsupportedOperationException(function + " does not exist on " + Platform.describe());
    }

    /**
     * The address of {@code length} bytes at {@code offset} in {@code base}, checked like a segment
     * access would be: in bounds, native memory, arena alive. The caller keeps the arena open for the
     * duration of the call (shards own their arenas, so this holds by construction).
     */
    static long address(MemorySegment base, long offset, long length) {
        Objects.checkFromIndexSize(offset, length, base.byteSize());
        if (!base.isNative()) {
            throw new IllegalArgumentException("a syscall buffer must be native memory, not a heap segment");
        }
        if (!base.scope().isAlive()) {
            throw new IllegalStateException("the buffer's arena is closed");
        }
        return base.address() + offset;
    }

    /** For the {@code catch (Throwable)} around invokeExact: rethrows unchecked, wraps the impossible rest. */
    static RuntimeException unexpected(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("downcall threw a checked exception", t);
    }

    private static FunctionDescriptor addressesAsLongs(FunctionDescriptor d) {
        MemoryLayout[] args = d.argumentLayouts().toArray(MemoryLayout[]::new);
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof AddressLayout) {
                args[i] = ValueLayout.JAVA_LONG;
            }
        }
        return d.returnLayout().map(r -> FunctionDescriptor.of(r, args)).orElseGet(() -> FunctionDescriptor.ofVoid(args));
    }
}
