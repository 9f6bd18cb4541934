package dev.kevy.rt.buffer;

/**
 * Releases one connection's replies in command order although they complete out of order.
 *
 * <p>Every command gets a sequence number from {@link #open()}. Its reply is written between
 * {@link #begin(long)} and {@link #complete(long)} into the buffer {@code begin} returns:
 * <ul>
 *   <li>the connection's output itself when every earlier reply has been released (the common
 *       case: a local command with nothing remote ahead of it costs a few field updates);</li>
 *   <li>otherwise a per-connection stage, an {@link OutputBuffer} of pooled chunks where finished
 *       but early replies wait; each slot remembers where its bytes lie in the stage.</li>
 * </ul>
 * When the oldest open reply completes, it and every staged reply right behind it move to the
 * output, in order. The stage is empty whenever nothing is staged, so positions in it never go
 * stale, and it gives its chunks back to the pool then.
 *
 * <p>Backpressure: at most {@code maxInFlight} sequence numbers are open at once; after that
 * {@link #open()} returns {@link #NO_SLOT} and the connection must stop reading until replies are
 * released. The slot ring starts small and doubles up to {@code maxInFlight}, so a connection
 * that never pipelines deeply keeps a small footprint.
 *
 * <p>Only one reply is written at a time (the shard loop is one thread, and it writes a reply
 * whole), so {@code begin}/{@code complete} pairs never nest.
 */
public final class OrderedReplies {
    /** What {@link #open()} returns when {@code maxInFlight} replies are outstanding. */
    public static final long NO_SLOT = -1;

    private static final byte FREE = 0;
    private static final byte OPEN = 1;
    private static final byte STAGED = 2;
    private static final int INITIAL_SLOTS = 16;

    private final OutputBuffer out;
    private final OutputBuffer stage;
    private final int maxInFlight;

    /** Per slot ({@code seq & mask}): state, and where a staged reply lies in the stage. */
    private byte[] state;
    private long[] stageStart;
    private long[] stageLength;
    private int mask;

    /** The sequence number the next {@link #open()} returns. */
    private long nextSeq;
    /** Every reply with a lower sequence number is in {@link #out}. */
    private long releasedSeq;
    /** The reply between begin and complete, or -1. */
    private long writing = -1;
    private boolean writingStaged;
    private int stagedCount;
    private boolean stageOverflowed;

    /**
     * @param out         the connection's output
     * @param pool        where the stage takes its chunks
     * @param maxInFlight most replies outstanding at once (open, not yet released)
     * @param stageLimit  most bytes of early replies held back; over it {@link #isOverLimit()}
     */
    public OrderedReplies(OutputBuffer out, BufferPool pool, int maxInFlight, long stageLimit) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be positive: " + maxInFlight);
        }
        this.out = out;
        this.stage = new OutputBuffer(pool, stageLimit);
        this.maxInFlight = maxInFlight;
        int slots = Math.min(INITIAL_SLOTS, ceilPowerOfTwo(maxInFlight));
        this.state = new byte[slots];
        this.stageStart = new long[slots];
        this.stageLength = new long[slots];
        this.mask = slots - 1;
    }

    /**
     * Numbers the next command of the connection.
     *
     * @return its sequence number, or {@link #NO_SLOT} when {@code maxInFlight} replies are
     *         outstanding (stop reading the connection until some are released)
     */
    public long open() {
        long inFlight = nextSeq - releasedSeq;
        if (inFlight >= maxInFlight) {
            return NO_SLOT;
        }
        if (inFlight == state.length) {
            growSlots();
        }
        long seq = nextSeq++;
        state[(int) seq & mask] = OPEN;
        return seq;
    }

    /** True when {@link #open()} would return {@link #NO_SLOT}. */
    public boolean isFull() {
        return nextSeq - releasedSeq >= maxInFlight;
    }

    /** Replies opened and not yet released to the output. */
    public int inFlight() {
        return (int) (nextSeq - releasedSeq);
    }

    /** Replies complete but held back behind an earlier one. */
    public int stagedCount() {
        return stagedCount;
    }

    /** The sequence number the next {@link #open()} returns. */
    public long nextSeq() {
        return nextSeq;
    }

    /** The oldest reply not yet in the output (equals {@link #nextSeq()} when none is pending). */
    public long releasedSeq() {
        return releasedSeq;
    }

    /**
     * Starts the reply of {@code seq}: write it whole into the returned buffer, then call
     * {@link #complete(long)}.
     */
    public OutputBuffer begin(long seq) {
        if (writing != -1) {
            throw new IllegalStateException("reply " + writing + " is still being written");
        }
        int slot = slotOf(seq, OPEN);
        writing = seq;
        if (seq == releasedSeq) {
            writingStaged = false;
            return out;
        }
        writingStaged = true;
        stageStart[slot] = stage.size();
        return stage;
    }

    /**
     * Ends {@link #begin(long)} of {@code seq} without completing it: its reply comes later (a
     * deferred reply), and later replies wait behind it meanwhile. Nothing may have been written
     * into the buffer {@code begin} returned.
     */
    public void postpone(long seq) {
        if (writing != seq) {
            throw new IllegalStateException("postpone(" + seq + ") but writing " + writing);
        }
        writing = -1;
        if (writingStaged && stage.size() != stageStart[(int) seq & mask]) {
            throw new IllegalStateException("reply " + seq + " was written before it was postponed");
        }
    }

    /**
     * Numbers a frame that must follow every reply opened so far (a pushed frame, in a protocol
     * that orders pushes after replies), whatever {@code maxInFlight} says: a push does not wait
     * for room. Write it between {@link #begin} and {@link #complete} like a reply.
     */
    public long openAfterAll() {
        if (nextSeq - releasedSeq == state.length) {
            growSlots();
        }
        long seq = nextSeq++;
        state[(int) seq & mask] = OPEN;
        return seq;
    }

    /** Whether a reply is being written now (between begin and complete). */
    public boolean isWriting() {
        return writing != -1;
    }

    /** Ends the reply of {@code seq}; releases it, and the staged replies behind it, if it is oldest. */
    public void complete(long seq) {
        if (writing != seq) {
            throw new IllegalStateException("complete(" + seq + ") but writing " + writing);
        }
        writing = -1;
        int slot = (int) seq & mask;
        if (writingStaged) {
            stageLength[slot] = stage.size() - stageStart[slot];
            state[slot] = STAGED;
            stagedCount++;
            return;
        }
        state[slot] = FREE;
        releasedSeq++;
        releaseStaged();
    }

    /** True when the output or the stage refused bytes for its limit: disconnect the client. */
    public boolean isOverLimit() {
        return stageOverflowed || stage.isOverLimit() || out.isOverLimit();
    }

    /** Forgets every outstanding reply and gives the stage's chunks back; numbering restarts at 0. */
    public void reset() {
        for (int i = 0; i < state.length; i++) {
            state[i] = FREE;
        }
        nextSeq = 0;
        releasedSeq = 0;
        writing = -1;
        stagedCount = 0;
        stageOverflowed = false;
        stage.release();
    }

    private void releaseStaged() {
        while (releasedSeq < nextSeq) {
            int slot = (int) releasedSeq & mask;
            if (state[slot] != STAGED) {
                break;
            }
            out.copyFrom(stage, stageStart[slot], stageLength[slot]);
            state[slot] = FREE;
            stagedCount--;
            releasedSeq++;
        }
        if (stagedCount == 0 && stage.size() > 0) {
            stageOverflowed |= stage.isOverLimit();
            stage.release();
        }
    }

    private int slotOf(long seq, byte expected) {
        if (seq < releasedSeq || seq >= nextSeq || state[(int) seq & mask] != expected) {
            throw new IllegalStateException("sequence " + seq + " is not open (released below "
                    + releasedSeq + ", next " + nextSeq + ")");
        }
        return (int) seq & mask;
    }

    private void growSlots() {
        int slots = state.length * 2;
        byte[] newState = new byte[slots];
        long[] newStart = new long[slots];
        long[] newLength = new long[slots];
        int newMask = slots - 1;
        for (long seq = releasedSeq; seq < nextSeq; seq++) {
            int from = (int) seq & mask;
            int to = (int) seq & newMask;
            newState[to] = state[from];
            newStart[to] = stageStart[from];
            newLength[to] = stageLength[from];
        }
        state = newState;
        stageStart = newStart;
        stageLength = newLength;
        mask = newMask;
    }

    private static int ceilPowerOfTwo(int n) {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }
}
