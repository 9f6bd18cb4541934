package dev.kevy.server;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.ShardContext;
import dev.kevy.io.codec.NumberParser;
import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Replies;
import dev.kevy.server.store.Keyspace;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * SETBIT, GETBIT, BITCOUNT, BITPOS and BITOP: strings as arrays of bits, bit 0 being the most
 * significant bit of the first byte. Checks run in Redis 7.0's order, which differs between
 * commands: BITCOUNT and BITPOS look the key up before reading their range (a missing key answers
 * 0 whatever the range says), SETBIT and GETBIT read the offset first.
 *
 * <p>Bits are read and changed in place in the keyspace's memory through the entry handle; a
 * string is first grown (zero-filled, its expiry kept) by {@link #growZero} when a write reaches
 * past its end.
 */
final class BitCommands {

    static final byte[] BIT_OFFSET = Replies.bytes("-ERR bit offset is not an integer or out of range\r\n");
    private static final byte[] BIT_VALUE = Replies.bytes("-ERR bit is not an integer or out of range\r\n");
    private static final byte[] BIT_ARGUMENT = Replies.bytes("-ERR The bit argument must be 1 or 0.\r\n");
    private static final byte[] NOT_SINGLE_KEY =
            Replies.bytes("-ERR BITOP NOT must be called with a single source key.\r\n");
    /** {@link #parseBitOffset} failed (its result otherwise: an offset, never negative). */
    static final long BAD_OFFSET = -1;
    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED;
    /** One byte to write through {@link Keyspace#setRange} when a string grows: its last byte. */
    private static final MemorySegment ZERO = Arena.global().allocate(1);
    private static final int AND = 0;
    private static final int OR = 1;
    private static final int XOR = 2;
    private static final int NOT = 3;

    private final NumberParser numbers = new NumberParser();
    private final Scratch scratch;

    BitCommands(Scratch scratch) {
        this.scratch = scratch;
    }

    /**
     * Redis's {@code getBitOffsetFromArgument}: argument {@code arg} as a bit offset, or
     * {@link #BAD_OFFSET}. With {@code bits > 0} (BITFIELD) a leading {@code #} multiplies the
     * number by {@code bits}, in 64-bit arithmetic that wraps as Redis's does. An offset whose
     * byte is at or past proto-max-bulk-len is refused.
     */
    long parseBitOffset(Request c, int arg, int bits) {
        long length = c.length(arg);
        boolean hash = bits > 0 && length > 0 && c.byteAt(arg, 0) == '#';
        int skip = hash ? 1 : 0;
        if (!numbers.parseLong(c.buffer(), c.offset(arg) + skip, length - skip)) {
            return BAD_OFFSET;
        }
        long offset = hash ? numbers.longValue() * bits : numbers.longValue();
        return offset < 0 || offset >>> 3 >= Keyspace.DEFAULT_MAX_VALUE_BYTES ? BAD_OFFSET : offset;
    }

    /**
     * The entry of the string at {@code c}'s argument 1, grown with zero bytes to at least
     * {@code length} bytes (created if absent); or {@link Keyspace#WRONG_TYPE} /
     * {@link Keyspace#TOO_LARGE}. A shorter string grows through {@link Keyspace#setRange}, which
     * keeps its expiry and leaves room to grow again.
     */
    static long growZero(Keyspace keyspace, Request c, long length, long now) {
        MemorySegment s = c.buffer();
        int keyLength = (int) c.length(1);
        long e = keyspace.lookup(s, c.offset(1), keyLength, now);
        if (e != Keyspace.ABSENT && keyspace.type(e) != Keyspace.TYPE_STRING) {
            return Keyspace.WRONG_TYPE;
        }
        if (e != Keyspace.ABSENT && keyspace.valueLength(e) >= length) {
            keyspace.markRaw(e); // written in place: Redis unshares it into a raw string
            return e;
        }
        if (length > Keyspace.DEFAULT_MAX_VALUE_BYTES) {
            return Keyspace.TOO_LARGE;
        }
        long r = keyspace.setRange(s, c.offset(1), keyLength, length - 1, ZERO, 0, 1, now);
        return r < 0 ? r : keyspace.peek(s, c.offset(1), keyLength, now);
    }

    /** SETBIT key offset 0|1: the bit's old value. */
    void setbit(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        long offset = parseBitOffset(c, 2, 0);
        if (offset == BAD_OFFSET) {
            out.writeBytes(BIT_OFFSET);
            return;
        }
        if (!c.parseLong(3) || (c.longValue() & ~1L) != 0) {
            out.writeBytes(BIT_VALUE);
            return;
        }
        boolean on = c.longValue() == 1;
        long before = keyspace.peek(c.buffer(), c.offset(1), (int) c.length(1), now);
        boolean grows = before == Keyspace.ABSENT || keyspace.valueLength(before) < (offset >>> 3) + 1;
        long e = growZero(keyspace, c, (offset >>> 3) + 1, now);
        if (e < 0) {
            out.writeBytes(e == Keyspace.WRONG_TYPE ? Replies.WRONG_TYPE : Replies.TOO_LARGE);
            return;
        }
        MemorySegment s = keyspace.segment(e);
        long at = keyspace.valueOffset(e) + (offset >>> 3);
        int mask = 1 << (7 - (int) (offset & 7));
        int b = s.get(BYTE, at);
        s.set(BYTE, at, (byte) (on ? b | mask : b & ~mask));
        if (grows || ((b & mask) != 0) != on) {
            KeyEvents.changed(keyspace, KeyEventNames.SETBIT, c, 1);
        }
        RespWriter.integer(out, (b & mask) != 0 ? 1 : 0);
    }

    /** GETBIT key offset: 0 past the end of the string or for a missing key. */
    void getbit(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        long offset = parseBitOffset(c, 2, 0);
        if (offset == BAD_OFFSET) {
            out.writeBytes(BIT_OFFSET);
            return;
        }
        long e = KeyEvents.read(keyspace, keyspace.lookup(c.buffer(), c.offset(1), (int) c.length(1), now), c, 1);
        if (e != Keyspace.ABSENT && keyspace.type(e) != Keyspace.TYPE_STRING) {
            out.writeBytes(Replies.WRONG_TYPE);
            return;
        }
        int bit = 0;
        if (e != Keyspace.ABSENT && offset >>> 3 < keyspace.valueLength(e)) {
            int b = keyspace.segment(e).get(BYTE, keyspace.valueOffset(e) + (offset >>> 3));
            bit = b >>> (7 - (int) (offset & 7)) & 1;
        }
        RespWriter.integer(out, bit);
    }

    /** BITCOUNT key [start end [BYTE|BIT]]: set bits in the range, inclusive, negative indexes from the end. */
    void bitcount(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        long e = KeyEvents.read(keyspace, keyspace.lookup(c.buffer(), c.offset(1), (int) c.length(1), now), c, 1);
        if (e == Keyspace.ABSENT) {
            RespWriter.integer(out, 0);
            return;
        }
        if (keyspace.type(e) != Keyspace.TYPE_STRING) {
            out.writeBytes(Replies.WRONG_TYPE);
            return;
        }
        long length = keyspace.valueLength(e);
        long fromBit = 0;
        long toBit = length * 8 - 1;
        int argc = c.argc();
        if (argc == 4 || argc == 5) {
            if (!c.parseLong(2)) {
                out.writeBytes(Replies.NOT_INTEGER);
                return;
            }
            long start = c.longValue();
            if (!c.parseLong(3)) {
                out.writeBytes(Replies.NOT_INTEGER);
                return;
            }
            long end = c.longValue();
            if (start < 0 && end < 0 && start > end) { // before the unit is read, as Redis 7.0
                RespWriter.integer(out, 0);
                return;
            }
            int unit = argc == 5 ? unit(c, 4) : 8;
            if (unit == 0) {
                out.writeBytes(Replies.SYNTAX);
                return;
            }
            long total = unit == 1 ? length * 8 : length;
            start = clampStart(start, total);
            end = clampEnd(end, total);
            if (start > end) {
                RespWriter.integer(out, 0);
                return;
            }
            fromBit = unit == 1 ? start : start * 8;
            toBit = unit == 1 ? end : end * 8 + 7;
        } else if (argc != 2) {
            out.writeBytes(Replies.SYNTAX);
            return;
        }
        long count = length == 0 ? 0 : BitScan.count(keyspace.segment(e), keyspace.valueOffset(e), fromBit, toBit);
        RespWriter.integer(out, count);
    }

    /**
     * BITPOS key 0|1 [start [end [BYTE|BIT]]]: the first bit with that value in the range. A
     * missing key is all zeros. Looking for 0 without an end, the string counts as followed by
     * zeros, so a string of all ones answers its length in bits; with an end it answers -1.
     */
    void bitpos(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        if (!c.parseLong(2)) {
            out.writeBytes(Replies.NOT_INTEGER);
            return;
        }
        long bit = c.longValue();
        if (bit != 0 && bit != 1) {
            out.writeBytes(BIT_ARGUMENT);
            return;
        }
        long e = KeyEvents.read(keyspace, keyspace.lookup(c.buffer(), c.offset(1), (int) c.length(1), now), c, 1);
        if (e == Keyspace.ABSENT) {
            RespWriter.integer(out, bit == 1 ? -1 : 0);
            return;
        }
        if (keyspace.type(e) != Keyspace.TYPE_STRING) {
            out.writeBytes(Replies.WRONG_TYPE);
            return;
        }
        long length = keyspace.valueLength(e);
        int argc = c.argc();
        if (argc > 6) {
            out.writeBytes(Replies.SYNTAX);
            return;
        }
        long start = 0;
        long end = length - 1;
        int unit = 8;
        if (argc >= 4) {
            if (!c.parseLong(3)) {
                out.writeBytes(Replies.NOT_INTEGER);
                return;
            }
            start = c.longValue();
            unit = argc == 6 ? unit(c, 5) : 8; // read before the end, as Redis 7.0
            if (unit == 0) {
                out.writeBytes(Replies.SYNTAX);
                return;
            }
            if (argc >= 5) {
                if (!c.parseLong(4)) {
                    out.writeBytes(Replies.NOT_INTEGER);
                    return;
                }
                end = c.longValue();
            }
            long total = unit == 1 ? length * 8 : length;
            start = clampStart(start, total);
            end = clampEnd(end, total);
        }
        if (start > end) {
            RespWriter.integer(out, -1);
            return;
        }
        long fromBit = unit == 1 ? start : start * 8;
        long toBit = unit == 1 ? end : end * 8 + 7;
        long found = BitScan.first(keyspace.segment(e), keyspace.valueOffset(e), fromBit, toBit, (int) bit);
        if (found < 0 && bit == 0 && argc < 5) {
            found = toBit + 1; // the zeros that follow the string
        }
        RespWriter.integer(out, found);
    }

    /**
     * BITOP AND|OR|XOR|NOT destkey key...: the result, as long as the longest source (shorter
     * ones and missing keys count as zeros), replaces the destination, or deletes it when every
     * source is empty; the reply is its length. With {@code shards} (an atomic turn) each key is
     * read or written on its owner; otherwise all live in {@code local}.
     */
    void bitop(Keyspace local, CommandHandler[] shards, ShardContext context, Request c, OutputBuffer out, long now) {
        int op = c.equalsIgnoreCase(1, "AND") ? AND : c.equalsIgnoreCase(1, "OR") ? OR
                : c.equalsIgnoreCase(1, "XOR") ? XOR : c.equalsIgnoreCase(1, "NOT") ? NOT : -1;
        if (op < 0) {
            out.writeBytes(Replies.SYNTAX);
            return;
        }
        if (op == NOT && c.argc() != 4) {
            out.writeBytes(NOT_SINGLE_KEY);
            return;
        }
        MemorySegment s = c.buffer();
        long longest = 0;
        for (int i = 3; i < c.argc(); i++) {
            Keyspace ks = keyspace(local, shards, context, c, i);
            long e = ks.lookup(s, c.offset(i), (int) c.length(i), now);
            if (e == Keyspace.ABSENT) {
                KeyEvents.missed(ks, c, i);
            } else {
                if (ks.type(e) != Keyspace.TYPE_STRING) {
                    out.writeBytes(Replies.WRONG_TYPE);
                    return;
                }
                longest = Math.max(longest, ks.valueLength(e));
            }
        }
        Keyspace destination = keyspace(local, shards, context, c, 2);
        if (longest == 0) {
            if (destination.delete(s, c.offset(2), (int) c.length(2), now)) {
                KeyEvents.changed(destination, KeyEventNames.DEL, c, 2);
            }
            RespWriter.integer(out, 0);
            return;
        }
        MemorySegment result;
        try {
            result = scratch.atLeast(longest);
        } catch (OutOfMemoryError refused) {
            out.writeBytes(Replies.OOM);
            return;
        }
        try {
            for (int i = 3; i < c.argc(); i++) {
                Keyspace ks = keyspace(local, shards, context, c, i);
                long e = ks.peek(s, c.offset(i), (int) c.length(i), now);
                long length = e == Keyspace.ABSENT ? 0 : ks.valueLength(e);
                MemorySegment from = e == Keyspace.ABSENT ? MemorySegment.NULL : ks.segment(e);
                long at = e == Keyspace.ABSENT ? 0 : ks.valueOffset(e);
                combine(op, i == 3, result, longest, from, at, length);
            }
            long e = destination.reserve(s, c.offset(2), (int) c.length(2), (int) longest, Keyspace.TYPE_STRING,
                    0, 0, now); // no expiry: the destination is replaced, as by SET
            if (e < 0) {
                out.writeBytes(Replies.TOO_LARGE);
                return;
            }
            destination.markRaw(e); // Redis stores BITOP's result as a raw string, whatever its length
            MemorySegment.copy(result, 0, destination.segment(e), destination.valueOffset(e), longest);
            KeyEvents.changed(destination, KeyEventNames.SET, c, 2);
            RespWriter.integer(out, longest);
        } finally {
            scratch.trim();
        }
    }

    /**
     * Folds one source ({@code length} bytes at {@code at}, zeros after) into the first
     * {@code longest} bytes of {@code result}; the first source initialises it.
     */
    private static void combine(int op, boolean first, MemorySegment result, long longest,
                                MemorySegment from, long at, long length) {
        if (first) {
            MemorySegment.copy(from, at, result, 0, length);
            zero(result, length, longest);
            if (op == NOT) {
                long p = 0;
                for (; p + 8 <= longest; p += 8) {
                    result.set(WORD, p, ~result.get(WORD, p));
                }
                for (; p < longest; p++) {
                    result.set(BYTE, p, (byte) ~result.get(BYTE, p));
                }
            }
            return;
        }
        long p = 0;
        for (; p + 8 <= length; p += 8) {
            long r = result.get(WORD, p);
            long v = from.get(WORD, at + p);
            result.set(WORD, p, op == AND ? r & v : op == OR ? r | v : r ^ v);
        }
        for (; p < length; p++) {
            int r = result.get(BYTE, p);
            int v = from.get(BYTE, at + p);
            result.set(BYTE, p, (byte) (op == AND ? r & v : op == OR ? r | v : r ^ v));
        }
        if (op == AND) { // the source's zeros past its end
            zero(result, length, longest);
        }
    }

    /** Zeros bytes {@code from} to {@code to} (exclusive) of {@code s}. */
    private static void zero(MemorySegment s, long from, long to) {
        long p = from;
        for (; p + 8 <= to; p += 8) {
            s.set(WORD, p, 0L);
        }
        for (; p < to; p++) {
            s.set(BYTE, p, (byte) 0);
        }
    }

    private static Keyspace keyspace(Keyspace local, CommandHandler[] shards, ShardContext context, Request c,
                                     int arg) {
        return shards == null ? local : AtomicRun.ownerOf(context, c, arg, shards);
    }

    /** The unit named by argument {@code arg}: 8 for BYTE, 1 for BIT, 0 for anything else. */
    private static int unit(Request c, int arg) {
        return c.equalsIgnoreCase(arg, "BIT") ? 1 : c.equalsIgnoreCase(arg, "BYTE") ? 8 : 0;
    }

    /** A range start among {@code total} units: negative counts from the end, clamped at 0. */
    private static long clampStart(long start, long total) {
        return Math.max(0, start < 0 ? total + start : start);
    }

    /** A range end among {@code total} units: negative counts from the end, clamped to the last unit. */
    private static long clampEnd(long end, long total) {
        return Math.min(total - 1, Math.max(0, end < 0 ? total + end : end));
    }
}
