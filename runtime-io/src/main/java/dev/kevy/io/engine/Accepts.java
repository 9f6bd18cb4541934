package dev.kevy.io.engine;

import dev.kevy.sys.Errno;
import dev.kevy.sys.linux.io_uring_h;
import dev.kevy.sys.linux.socket_h;
import java.util.Arrays;

/**
 * The listeners of {@link CompletionEngine}: one multishot accept each, armed while the listener
 * is not paused, and armed again when the kernel ends it (unless it ended for want of
 * descriptors: the shard pauses the listener and resumes it on a later tick).
 */
final class Accepts {

    private static final int ACCEPT_FLAGS = socket_h.SOCK_NONBLOCK() | socket_h.SOCK_CLOEXEC();
    private static final int F_MORE = io_uring_h.IORING_CQE_F_MORE();

    private final Uring ring;
    private final Completions done;
    private long[] tokens = new long[4];
    private int[] fds = new int[4];
    private boolean[] armed = new boolean[4];
    private boolean[] paused = new boolean[4];
    private int count;

    Accepts(Uring ring, Completions done) {
        this.ring = ring;
        this.done = done;
    }

    void listen(long token, int fd) {
        if (count == tokens.length) {
            int n = count * 2;
            tokens = Arrays.copyOf(tokens, n);
            fds = Arrays.copyOf(fds, n);
            armed = Arrays.copyOf(armed, n);
            paused = Arrays.copyOf(paused, n);
        }
        tokens[count] = token;
        fds[count] = fd;
        arm(count++);
    }

    private void arm(int l) {
        long sqe = ring.prepare(io_uring_h.IORING_OP_ACCEPT(), fds[l], 0, 0, 0, Ops.data(Ops.ACCEPT, l));
        ring.sqeIoprio(sqe, io_uring_h.IORING_ACCEPT_MULTISHOT());
        ring.sqeOpFlags(sqe, ACCEPT_FLAGS);
        armed[l] = true;
    }

    void pause(long token, boolean pause) {
        for (int l = 0; l < count; l++) {
            if (tokens[l] == token) {
                paused[l] = pause;
                if (pause && armed[l]) {
                    ring.cancel(Ops.data(Ops.ACCEPT, l));
                } else if (!pause && !armed[l]) {
                    arm(l);
                }
            }
        }
    }

    /** A completion of listener {@code l}'s accept: a socket, or why not. */
    void accepted(int l, int res, int flags) {
        if (res != -Errno.ECANCELED) {
            done.add(tokens[l], IoEngine.ACCEPTED, res);
        }
        if ((flags & F_MORE) == 0) {
            armed[l] = false;
            if (!paused[l] && res != -Errno.EMFILE && res != -Errno.ENFILE && res != -Errno.ENOMEM) {
                arm(l);
            }
        }
    }

    /** Accepts in the kernel. */
    int armedCount() {
        int n = 0;
        for (int l = 0; l < count; l++) {
            n += armed[l] ? 1 : 0;
        }
        return n;
    }
}
