package dev.kevy.io.engine;

import dev.kevy.rt.buffer.InputBuffer;
import dev.kevy.sys.IoUring;
import dev.kevy.sys.SysException;
import dev.kevy.sys.linux.io_uring_buf;
import dev.kevy.sys.linux.io_uring_buf_reg;
import dev.kevy.sys.linux.io_uring_h;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * The receive side of the completion engine: a provided-buffer ring of equal off-heap buffers that
 * the kernel fills as data arrives on any connection (multishot receive, one buffer per
 * completion), and per connection a queue of the filled pieces not yet copied into its
 * {@link InputBuffer}.
 *
 * <p>A buffer is the kernel's from the moment it is offered on the ring until a completion names
 * it; then it is ours until {@link #copyInto} has copied all of it out, when it is offered again.
 * Offers are batched: {@link #publish} makes them visible with one release store of the ring's
 * tail (paired with the kernel's acquire load of it in io_uring/kbuf.c), once per loop iteration.
 *
 * <p>Pieces are linked lists threaded through int arrays, grown by doubling and never shrunk, so a
 * warmed-up shard allocates nothing here.
 */
final class ReceiveBuffers {

    /** The buffer group id of the ring (one ring per engine). */
    static final int GROUP = 0;

    private final MemorySegment ring;
    private final MemorySegment data;
    private final int mask;
    private final int size;
    private short tail;
    private boolean offered;
    /** Buffers recycled since {@link #takeRecycled()} last looked: starved receives may retry. */
    private boolean recycled;

    private int[] pieceBuffer = new int[64];
    private int[] pieceOffset = new int[64];
    private int[] pieceLength = new int[64];
    private int[] pieceNext = new int[64];
    private int freePiece = -1;
    private int pieces;

    /** Per connection slot: first and last queued piece, -1 when none. */
    private int[] first = new int[0];
    private int[] last = new int[0];

    /**
     * Maps {@code entries} buffers of {@code size} bytes and the ring offering them, registers the
     * ring with {@code uring} and offers every buffer.
     *
     * @throws SysException if the kernel refuses the ring
     */
    ReceiveBuffers(Uring uring, int entries, int size) {
        this.mask = entries - 1;
        this.size = size;
        this.ring = uring.mapPages(entries * io_uring_buf.sizeof());
        this.data = uring.mapPages((long) entries * size);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment reg = a.allocate(io_uring_buf_reg.layout());
            io_uring_buf_reg.ring_addr(reg, ring.address());
            io_uring_buf_reg.ring_entries(reg, entries);
            io_uring_buf_reg.bgid(reg, (short) GROUP);
            int r = IoUring.register(uring.fd(), io_uring_h.IORING_REGISTER_PBUF_RING(), reg, 1);
            if (r < 0) {
                throw new SysException("io_uring_register(IORING_REGISTER_PBUF_RING)", -r);
            }
        }
        for (int bid = 0; bid < entries; bid++) {
            offer(bid);
        }
        publish();
    }

    /** Offers buffer {@code bid} to the kernel again (visible after {@link #publish}). */
    private void offer(int bid) {
        long at = (long) (tail & mask) * io_uring_buf.sizeof();
        ring.set(ValueLayout.JAVA_LONG, at + io_uring_buf.addr$offset(), data.address() + (long) bid * size);
        ring.set(ValueLayout.JAVA_INT, at + io_uring_buf.len$offset(), size);
        // bufs[0].resv is the ring's tail: a plain store of it here would race the kernel's reads, so
        // entry 0 keeps its resv and only addr, len and bid are written
        ring.set(ValueLayout.JAVA_SHORT, at + io_uring_buf.bid$offset(), (short) bid);
        tail++;
        offered = true;
    }

    /** Publishes the buffers offered since the last call: one release store of the ring tail. */
    void publish() {
        if (offered) {
            IoUring.bufRingTailRelease(ring, tail); // pairs with the kernel's smp_load_acquire(&br->tail)
            offered = false;
        }
    }

    /** Whether buffers came back since the last call (a receive starved of buffers may retry). */
    boolean takeRecycled() {
        boolean r = recycled;
        recycled = false;
        return r;
    }

    /** Makes room for connection slot {@code slot}. */
    void ensureSlot(int slot) {
        if (slot >= first.length) {
            int n = Math.max(slot + 1, first.length * 2);
            int old = first.length;
            first = Arrays.copyOf(first, n);
            last = Arrays.copyOf(last, n);
            Arrays.fill(first, old, n, -1);
            Arrays.fill(last, old, n, -1);
        }
    }

    /** Queues {@code length} bytes the kernel put in buffer {@code bid} for connection {@code slot}. */
    void queue(int slot, int bid, int length) {
        int p = newPiece();
        pieceBuffer[p] = bid;
        pieceOffset[p] = 0;
        pieceLength[p] = length;
        pieceNext[p] = -1;
        if (last[slot] < 0) {
            first[slot] = p;
        } else {
            pieceNext[last[slot]] = p;
        }
        last[slot] = p;
    }

    /** Gives a buffer the kernel filled for a connection that is gone straight back. */
    void discard(int bid) {
        offer(bid);
        recycled = true;
    }

    /** Whether connection {@code slot} has received bytes not yet copied to its input. */
    boolean hasQueued(int slot) {
        return slot < first.length && first[slot] >= 0;
    }

    /**
     * Copies what {@code slot} has queued into {@code in}, as far as it has room
     * ({@code prepareRead(pendingBytes)}, which may grow it); each buffer emptied is offered again.
     * Returns the bytes copied (0 when {@code in} had no room at all).
     */
    long copyInto(int slot, InputBuffer in, long pendingBytes) {
        long total = 0;
        int p = first[slot];
        while (p >= 0) {
            long room = in.prepareRead(pendingBytes);
            if (room == 0) {
                break;
            }
            int n = (int) Math.min(room, pieceLength[p]);
            MemorySegment.copy(data, (long) pieceBuffer[p] * size + pieceOffset[p], in.segment(), in.writeIndex(), n);
            in.advanceWriteIndex(n);
            total += n;
            pieceOffset[p] += n;
            pieceLength[p] -= n;
            if (pieceLength[p] > 0) {
                break; // the input is full: the rest waits for the next receive
            }
            offer(pieceBuffer[p]);
            recycled = true;
            int next = pieceNext[p];
            freePiece(p);
            p = next;
        }
        first[slot] = p;
        if (p < 0) {
            last[slot] = -1;
        }
        return total;
    }

    /** Drops everything {@code slot} has queued (its connection closed), offering the buffers again. */
    void drop(int slot) {
        if (slot >= first.length) {
            return;
        }
        int p = first[slot];
        while (p >= 0) {
            offer(pieceBuffer[p]);
            recycled = true;
            int next = pieceNext[p];
            freePiece(p);
            p = next;
        }
        first[slot] = -1;
        last[slot] = -1;
    }

    private int newPiece() {
        if (freePiece >= 0) {
            int p = freePiece;
            freePiece = pieceNext[p];
            return p;
        }
        if (pieces == pieceBuffer.length) {
            int n = pieces * 2;
            pieceBuffer = Arrays.copyOf(pieceBuffer, n);
            pieceOffset = Arrays.copyOf(pieceOffset, n);
            pieceLength = Arrays.copyOf(pieceLength, n);
            pieceNext = Arrays.copyOf(pieceNext, n);
        }
        return pieces++;
    }

    private void freePiece(int p) {
        pieceNext[p] = freePiece;
        freePiece = p;
    }
}
