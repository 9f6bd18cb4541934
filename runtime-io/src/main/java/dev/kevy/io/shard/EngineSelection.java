package dev.kevy.io.shard;

import dev.kevy.io.IoEngineChoice;
import dev.kevy.io.engine.CompletionEngine;
import dev.kevy.sys.Errno;
import dev.kevy.sys.IoUring;
import dev.kevy.sys.SysException;

/**
 * Picks the shards' I/O engine: io_uring where the choice allows it and the kernel lets this
 * process set up a ring, epoll (kqueue) otherwise. {@code auto} falls back with one line on
 * standard error naming the reason ({@code ENOSYS}, {@code EPERM} from a seccomp profile or
 * {@code kernel.io_uring_disabled}, a locked-memory limit); {@code io_uring} refuses to start.
 */
final class EngineSelection {

    /** SQEs per ring (the CQ has twice as many). */
    static final int RING_ENTRIES = 1024;
    /** Receive buffers per shard, and their size: 4 MiB of off-heap memory per shard. */
    static final int RECEIVE_BUFFERS = 1024;
    static final int RECEIVE_BUFFER_BYTES = 4096;

    private EngineSelection() {
    }

    /**
     * Whether to build io_uring engines for {@code choice}.
     *
     * @throws IllegalStateException if io_uring was asked for and is not available, with the reason
     */
    static boolean wantsUring(IoEngineChoice choice) {
        if (choice == IoEngineChoice.EPOLL) {
            return false;
        }
        String reason = IoUring.isSupported();
        if (reason == null) {
            return true;
        }
        if (choice == IoEngineChoice.IO_URING) {
            throw new IllegalStateException("--io-engine io_uring: " + reason);
        }
        fallingBack(reason);
        return false;
    }

    static CompletionEngine uring() {
        return new CompletionEngine(RING_ENTRIES, RECEIVE_BUFFERS, RECEIVE_BUFFER_BYTES);
    }

    /**
     * Why a ring could not be built, for the fallback line: the kernel's refusal, and for
     * {@code EINVAL} what it most likely means (io_uring exists, but without a feature the engine
     * needs: single-issuer and deferred task work are Linux 6.1, multishot receive 6.0).
     */
    static String why(SysException e) {
        return e.errno() == Errno.EINVAL
                ? e.getMessage() + "; the kernel lacks a feature the io_uring engine needs (Linux 6.1 or newer)"
                : e.getMessage();
    }

    /** The one line {@code auto} writes when it takes epoll instead of io_uring. */
    static void fallingBack(String reason) {
        System.err.println("kevy: io_uring unavailable, using epoll: " + reason);
    }
}
