package dev.kevy.io.shard;

import dev.kevy.io.resp.RespCommand;
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
 *    24  ...   body      REQUEST: the command as a RESP array; REPLY: one RESP reply
 *
 *   HANDOFF payload: 0 int fd   an accepted socket given to this shard (single-acceptor mode)
 *   FREEZE, FROZEN, THAW: no payload (the freeze protocol of dev.kevy.rt.freeze; see {@link Atomics})
 * </pre>
 * The gather field of a REQUEST is {@link #ATOMIC} for an atomic command on its way to the
 * coordinator; of a REPLY, {@link #ATOMIC} for the answer to one (the origin counts it off).
 * A request's arguments are re-encoded as a RESP array whatever form they arrived in (inline or
 * multibulk), so the owner parses every forwarded request with the same parser, in place in the
 * ring, with no copy.
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
    static final int HEADER = 24;

    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;

    private Records() {
    }

    static void writeHeader(MemorySegment s, long at, long token, long seq, int gather, int part) {
        s.set(LONG, at + TOKEN, token);
        s.set(LONG, at + SEQ, seq);
        s.set(INT, at + GATHER, gather);
        s.set(INT, at + PART, part);
    }

    /** Bytes {@link #writeCommand} produces for {@code command}. */
    static long commandLength(RespCommand command) {
        int argc = command.argc();
        long n = 1 + digits(argc) + 2;
        for (int i = 0; i < argc; i++) {
            long len = command.length(i);
            n += 1 + digits(len) + 2 + len + 2;
        }
        return n;
    }

    /** Writes {@code command} as a RESP array at {@code at}; returns the offset after it. */
    static long writeCommand(MemorySegment s, long at, RespCommand command) {
        int argc = command.argc();
        at = writeHeaderLine(s, at, (byte) '*', argc);
        for (int i = 0; i < argc; i++) {
            long len = command.length(i);
            at = writeHeaderLine(s, at, (byte) '$', len);
            MemorySegment.copy(command.buffer(), command.offset(i), s, at, len);
            at = crlf(s, at + len);
        }
        return at;
    }

    /** Writes {@code type}, the decimal {@code value} and CRLF at {@code at}; returns the offset after. */
    static long writeHeaderLine(MemorySegment s, long at, byte type, long value) {
        s.set(BYTE, at++, type);
        int d = digits(value);
        for (int i = d - 1; i >= 0; i--) {
            s.set(BYTE, at + i, (byte) ('0' + value % 10));
            value /= 10;
        }
        return crlf(s, at + d);
    }

    static long crlf(MemorySegment s, long at) {
        s.set(BYTE, at, (byte) '\r');
        s.set(BYTE, at + 1, (byte) '\n');
        return at + 2;
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
