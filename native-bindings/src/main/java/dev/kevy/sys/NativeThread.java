package dev.kevy.sys;

import java.lang.foreign.MemorySegment;

/**
 * A platform thread that owns the native segment its syscalls capture {@code errno} into, so the
 * wrappers in this package find it with one class check instead of a {@link ThreadLocal} probe.
 *
 * <p>The runtime runs each shard on one of these: the shard makes a syscall or more per loop
 * iteration, and the design gives it one errno segment, allocated once. Any other thread (a test,
 * setup code, a helper, a virtual thread) may call the same wrappers and gets its segment from a
 * thread-local instead (see {@code CallState}).
 *
 * <p>The class is final so that the check {@code currentThread() instanceof NativeThread} is a
 * single comparison of the thread object's class.
 */
public final class NativeThread extends Thread {

    /**
     * The capture and scratch segment of every errno-returning call made on this thread. Allocated
     * by the constructor, on the creating thread, in an automatic arena: it is freed with the
     * thread object. Only this thread uses it once started.
     */
    final MemorySegment callState = CallState.allocate();

    /** A thread that will run {@code task} under {@code name}, as {@link Thread#Thread(Runnable, String)}. */
    public NativeThread(Runnable task, String name) {
        super(task, name);
    }
}
