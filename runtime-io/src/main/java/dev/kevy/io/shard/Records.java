package dev.kevy.io.shard;

import dev.kevy.io.codec.Request;
import dev.kevy.rt.freeze.FreezeRecords;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The records shards send each other, and how a command is written into one.
 *
 * <pre>
 *   REQUEST / REPLY payload (little-endian, 8-byte aligned by the ring):
 *     0  long  token     the origin connection (slot and generation)
 *     8  long  seq       the command's place in that connection's reply order
 *    16  int   gather    the origin's fan-out slot, or -1 for a plain command
 *    20  int   part      the part's index within the fan-out
 *    24  int   listener  the listener whose handlers run it (index in the runtime's list)
 *    28  ...   body      REQUEST: the request's fields (below); REPLY: one reply, in the
 *                        listener's protocol, as its handler wrote it
 *
 *   fields: int count, int tag (the handler's, see Request#tag), then count times: int length, length bytes
 *
 *   HANDOFF payload: 0 int fd, 4 int listener   an accepted socket given to this shard
 *                                               (single-acceptor mode)
 *   FREEZE, FROZEN, THAW: no payload (the freeze protocol of dev.kevy.rt.freeze; see {@link Atomics})
 *   DEFERRED: 0 long token, 8 long seq, 16 long ticket     owner to origin (see {@link Tickets})
 *   CANCEL:   0 long ticket                                origin to owner
 *   MESSAGE:  0 int listener, 4 int type, 8 ... payload    handler to handler (see {@link Messages})
 * </pre>
 * The gather field of a REQUEST is {@link #ATOMIC} for an atomic command on its way to the
 * coordinator; of a REPLY, {@link #ATOMIC} for the answer to one (the origin counts it off).
 * A request crosses as its decoded fields, whatever protocol it arrived in: no codec is asked to
 * re-encode it and none parses it again. The owner reads the fields in place in the ring (a
 * loop over the lengths) into its {@link Request} view, with no copy.
 */
final class Records {

    static final int REQUEST = 1;
    static final int REPLY = 2;
    static final int HANDOFF = 3;
    /** Coordinator to participant: freeze at the end of this iteration (see {@link Atomics}). */
    static final int FREEZE = FreezeRecords.FREEZE;
    /** Participant to coordinator: frozen. */
    static final int FROZEN = FreezeRecords.FROZEN;
    /** Coordinator to participant: resume. */
    static final int THAW = FreezeRecords.THAW;

    /** Owner to origin: it deferred a request; payload {@code long token, long seq, long ticket} (see {@link Tickets}). */
    static final int DEFERRED = 7;
    /** Origin to owner: the client of a deferred request left; payload {@code long ticket}. */
    static final int CANCEL = 8;
    /**
     * A handler's message to the same listener's handler on the target shard; payload
     * {@code int listener, int type, bytes} (see {@link Messages}).
     */
    static final int MESSAGE = 9;

    /** The gather field of an atomic request (to the coordinator) and of its reply (back). */
    static final int ATOMIC = -2;
    /**
     * The part field of an atomic request that runs {@code executeAtomic}; otherwise it names the
     * shard whose handler runs the command during the turn (a keyed command behind an atomic one).
     */
    static final int RUN_ATOMIC = -1;

    static final long TOKEN = 0;
    static final long SEQ = 8;
    static final long GATHER = 16;
    static final long PART = 20;
    static final long LISTENER = 24;
    static final int HEADER = 28;

    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;

    private Records() {
    }

    static void writeHeader(MemorySegment s, long at, long token, long seq, int gather, int part, int listener) {
        s.set(LONG, at + TOKEN, token);
        s.set(LONG, at + SEQ, seq);
        s.set(INT, at + GATHER, gather);
        s.set(INT, at + PART, part);
        s.set(INT, at + LISTENER, listener);
    }

    /** Bytes {@link #writeFields} produces for {@code request}. */
    static long fieldsLength(Request request) {
        int count = request.argc();
        long n = 2 * Integer.BYTES;
        for (int i = 0; i < count; i++) {
            n += Integer.BYTES + request.length(i);
        }
        return n;
    }

    /** Writes {@code request}'s fields at {@code at}; returns the offset after them. */
    static long writeFields(MemorySegment s, long at, Request request) {
        int count = request.argc();
        s.set(INT, at, count);
        s.set(INT, at + Integer.BYTES, request.tag());
        at += 2 * Integer.BYTES;
        for (int i = 0; i < count; i++) {
            long len = request.length(i);
            s.set(INT, at, (int) len);
            MemorySegment.copy(request.buffer(), request.offset(i), s, at + Integer.BYTES, len);
            at += Integer.BYTES + len;
        }
        return at;
    }

    /**
     * Points {@code into} at the fields written by {@link #writeFields} in {@code [from, to)}.
     * Returns {@code false}, leaving it empty, if they do not fit there (a record from a broken
     * peer: never expected).
     */
    static boolean readFields(MemorySegment s, long from, long to, Request into) {
        into.clear();
        if (to - from < 2 * Integer.BYTES) {
            return false;
        }
        int count = s.get(INT, from);
        int tag = s.get(INT, from + Integer.BYTES);
        long at = from + 2 * Integer.BYTES;
        for (int i = 0; i < count; i++) {
            if (to - at < Integer.BYTES) {
                into.clear();
                return false;
            }
            int len = s.get(INT, at);
            at += Integer.BYTES;
            if (len < 0 || to - at < len) {
                into.clear();
                return false;
            }
            into.field(i, at, len);
            at += len;
        }
        if (count < 0 || at != to) {
            into.clear();
            return false;
        }
        into.complete(s, count);
        into.tag(tag);
        return true;
    }

    /** Decimal digits of a non-negative value. */
    static int digits(long v) {
        int d = 1;
        while (v >= 10) {
            v /= 10;
            d++;
        }
        return d;
    }
}
