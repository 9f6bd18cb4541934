package dev.kevy.io.engine;

import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.sys.Epoll;
import dev.kevy.sys.Errno;
import dev.kevy.sys.Iovec;
import dev.kevy.sys.linux.io_uring_h;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The send side of {@link CompletionEngine}: one SQE per connection per iteration straight from
 * its output buffer ({@code SEND} for one chunk, {@code WRITEV} over up to 64), the rest of a short
 * send resumed at the next enter, and a poll for room when {@code WRITEV} meets a full
 * nonblocking socket ({@code EAGAIN}: unlike {@code SEND}, it does not wait).
 */
final class Sends {

    private static final int IOV_MAX = 64;
    private static final int IOV_SCRATCH = 1024;

    private final Uring ring;
    private final Slots slots;
    private final Completions done;
    /** iovec arrays of this iteration's WRITEVs; the kernel copies them at submission. */
    private final MemorySegment iovecs;
    private int iovUsed;
    /** Slots whose send resumes at the next enter. */
    private final IntList resumes = new IntList();

    Sends(Uring ring, Slots slots, Completions done, Arena arena) {
        this.ring = ring;
        this.slots = slots;
        this.done = done;
        this.iovecs = Iovec.allocate(arena, IOV_SCRATCH);
    }

    /** Starts sending {@code out} on {@code slot}. */
    void send(int slot, OutputBuffer out) {
        slots.sending[slot] = out;
        submit(slot, out);
    }

    /** One SQE for {@code out}'s unsent bytes: SEND for one chunk, WRITEV for several. */
    private void submit(int slot, OutputBuffer out) {
        int count = Math.min(out.segmentCount(), IOV_MAX);
        int fd = slots.fds[slot];
        if (count == 1) {
            long length = Math.min(out.segmentLength(0), Integer.MAX_VALUE);
            ring.prepare(io_uring_h.IORING_OP_SEND(), fd, out.segment(0).address() + out.segmentOffset(0),
                    (int) length, 0, Ops.data(Ops.SEND, slot));
        } else {
            if (iovUsed + count > IOV_SCRATCH) {
                ring.enter(0, 0); // the kernel copies the iovecs at submission (IORING_FEAT_SUBMIT_STABLE)
                iovUsed = 0;
            }
            for (int i = 0; i < count; i++) {
                Iovec.set(iovecs, iovUsed + i, out.segment(i), out.segmentOffset(i), out.segmentLength(i));
            }
            ring.prepare(io_uring_h.IORING_OP_WRITEV(), fd, iovecs.address() + (long) iovUsed * Iovec.SIZE, count, 0,
                    Ops.data(Ops.SEND, slot));
            iovUsed += count;
        }
        slots.send[slot] = Slots.IN_FLIGHT;
        slots.opStarted(slot);
    }

    /** Whether a send of {@code slot} is in the kernel or has bytes left to resume. */
    boolean isSending(int slot) {
        // RESUMING with nothing left is done: the next send may be submitted (resume() then skips it)
        return slots.send[slot] == Slots.IN_FLIGHT
                || slots.send[slot] == Slots.RESUMING && slots.sending[slot] != null && slots.sending[slot].size() > 0;
    }

    /** Before the enter: resubmits what short sends left (and what was appended since). */
    void resume() {
        for (int i = 0; i < resumes.size(); i++) {
            int slot = resumes.get(i);
            if (slots.send[slot] != Slots.RESUMING || slots.tokens[slot] < 0) {
                continue; // sent again by the shard meanwhile, or closed
            }
            OutputBuffer out = slots.sending[slot];
            if (out != null && out.size() > 0 && !slots.closed[slot]) {
                submit(slot, out);
            } else {
                slots.sending[slot] = null;
                slots.send[slot] = Slots.IDLE;
            }
        }
        resumes.clear();
    }

    /** After the enter: this iteration's iovecs were submitted. */
    void submitted() {
        iovUsed = 0;
    }

    /** A send of an open connection completed with {@code res}. */
    void sent(int slot, int res) {
        if (res == -Errno.EAGAIN) {
            long sqe = ring.prepare(io_uring_h.IORING_OP_POLL_ADD(), slots.fds[slot], 0, 0, 0,
                    Ops.data(Ops.WRITABLE, slot));
            ring.sqeOpFlags(sqe, Epoll.EPOLLOUT);
            slots.send[slot] = Slots.IN_FLIGHT;
            slots.opStarted(slot);
            return;
        }
        if (res < 0) {
            slots.sending[slot] = null;
        } else {
            slots.send[slot] = Slots.RESUMING; // the rest, if any, goes at the next enter
            resumes.add(slot);
        }
        done.add(slots.tokens[slot], IoEngine.SENT, res == -Errno.ECANCELED ? -Errno.EPIPE : res);
    }

    /** The socket of an open connection has room again after a send found none. */
    void writable(int slot) {
        slots.send[slot] = Slots.RESUMING;
        resumes.add(slot);
    }

    /** Cancels what a closing connection has in the kernel for sending. */
    void cancel(int slot) {
        if (slots.send[slot] == Slots.IN_FLIGHT) {
            ring.cancel(Ops.data(Ops.SEND, slot));
            ring.cancel(Ops.data(Ops.WRITABLE, slot)); // one of the two runs; the other cancel finds nothing
        }
    }
}
