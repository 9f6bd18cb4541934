package dev.kevy.server;

import dev.kevy.io.codec.NumberParser;
import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Replies;
import dev.kevy.server.store.Keyspace;
import java.lang.foreign.MemorySegment;

/**
 * BITFIELD key [GET type offset] [SET type offset value] [INCRBY type offset increment]
 * [OVERFLOW WRAP|SAT|FAIL] ..., and BITFIELD_RO (GET only): integers of any width up to 64 bits at
 * any bit offset of a string (see {@link BitfieldMath}).
 *
 * <p>As in Redis, every operation is checked before any runs, so a bad argument anywhere leaves the
 * string untouched; a call that writes first grows the string (zero-filled) to its farthest field,
 * even if every write then fails under OVERFLOW FAIL. The operations are read from the request
 * twice, once to check them and once to run them, instead of being collected into a list: nothing
 * is allocated per call.
 */
final class BitfieldCommand {

    private static final byte[] BAD_TYPE = Replies.bytes("-ERR Invalid bitfield type. Use something like i16 u8."
            + " Note that u64 is not supported but i64 is.\r\n");
    private static final byte[] BAD_OVERFLOW = Replies.bytes("-ERR Invalid OVERFLOW type specified\r\n");
    private static final byte[] GET_ONLY = Replies.bytes("-ERR BITFIELD_RO only supports the GET subcommand\r\n");
    private static final int GET = 0;
    private static final int SET = 1;
    private static final int INCRBY = 2;
    private static final int OVERFLOW = 3;
    private static final int WRAP = 0;
    private static final int SAT = 1;
    private static final int FAIL = 2;
    /** SET and INCRBY operations of the running call that wrote (Redis notifies when there was one). */
    private int changes;
    /** {@link #type}: set for a signed type, beside the width in the low bits. */
    private static final int SIGNED = 128;
    private static final int WIDTH = SIGNED - 1;

    private final BitCommands bits;
    private final NumberParser numbers = new NumberParser();

    /** @param bits parses bit offsets ({@link BitCommands#parseBitOffset}) */
    BitfieldCommand(BitCommands bits) {
        this.bits = bits;
    }

    /** BITFIELD ({@code readOnly} false) or BITFIELD_RO ({@code readOnly} true). */
    void run(Keyspace keyspace, Request c, OutputBuffer out, long now, boolean readOnly) {
        int argc = c.argc();
        int count = 0;
        boolean writes = false;
        long farthestBit = 0;
        for (int j = 2; j < argc; ) {
            int op = op(c, j);
            if (op == OVERFLOW) {
                if (overflow(c, j + 1) < 0) {
                    out.writeBytes(BAD_OVERFLOW);
                    return;
                }
                j += 2;
                continue;
            }
            if (op < 0) {
                out.writeBytes(Replies.SYNTAX);
                return;
            }
            int type = type(c, j + 1);
            if (type == 0) {
                out.writeBytes(BAD_TYPE);
                return;
            }
            int width = type & WIDTH;
            long offset = bits.parseBitOffset(c, j + 2, width);
            if (offset == BitCommands.BAD_OFFSET) {
                out.writeBytes(BitCommands.BIT_OFFSET);
                return;
            }
            if (op != GET) {
                writes = true;
                farthestBit = Math.max(farthestBit, offset + width - 1);
                if (!c.parseLong(j + 3)) {
                    out.writeBytes(Replies.NOT_INTEGER);
                    return;
                }
            }
            count++;
            j += op == GET ? 3 : 4;
        }
        long e;
        if (!writes) {
            e = keyspace.lookup(c.buffer(), c.offset(1), (int) c.length(1), now);
            if (e != Keyspace.ABSENT && keyspace.type(e) != Keyspace.TYPE_STRING) {
                out.writeBytes(Replies.WRONG_TYPE);
                return;
            }
        } else if (readOnly) {
            out.writeBytes(GET_ONLY);
            return;
        } else {
            e = BitCommands.growZero(keyspace, c, (farthestBit >>> 3) + 1, now);
            if (e < 0) {
                out.writeBytes(e == Keyspace.WRONG_TYPE ? Replies.WRONG_TYPE : Replies.TOO_LARGE);
                return;
            }
        }
        RespWriter.arrayHeader(out, count);
        if (count > 0) {
            boolean absent = e == Keyspace.ABSENT;
            changes = 0;
            execute(c, out, absent ? MemorySegment.NULL : keyspace.segment(e), absent ? 0 : keyspace.valueOffset(e),
                    absent ? 0 : keyspace.valueLength(e));
            if (changes > 0) {
                KeyEvents.changed(keyspace, KeyEventNames.SETBIT, c, 1);
            }
        }
    }

    /** Runs the checked operations on the {@code length} bytes at {@code base}, one reply each. */
    private void execute(Request c, OutputBuffer out, MemorySegment s, long base, long length) {
        int mode = WRAP;
        for (int j = 2; j < c.argc(); ) {
            int op = op(c, j);
            if (op == OVERFLOW) {
                mode = overflow(c, j + 1);
                j += 2;
                continue;
            }
            int type = type(c, j + 1);
            int width = type & WIDTH;
            boolean signed = (type & SIGNED) != 0;
            long offset = bits.parseBitOffset(c, j + 2, width);
            long old = signed ? BitfieldMath.getSigned(s, base, length, offset, width)
                    : BitfieldMath.getUnsigned(s, base, length, offset, width);
            if (op == GET) {
                RespWriter.integer(out, old);
                j += 3;
                continue;
            }
            c.parseLong(j + 3); // checked before
            long value = op == INCRBY ? old : c.longValue();
            long increment = op == INCRBY ? c.longValue() : 0;
            int overflow = signed ? BitfieldMath.signedOverflow(value, increment, width)
                    : BitfieldMath.unsignedOverflow(value, increment, width);
            j += 4;
            long stored;
            if (overflow == BitfieldMath.FITS) {
                stored = value + increment;
            } else if (mode == FAIL) {
                RespWriter.nullBulk(out);
                continue;
            } else if (mode == WRAP) {
                stored = signed ? BitfieldMath.wrapSigned(value + increment, width)
                        : BitfieldMath.wrapUnsigned(value + increment, width);
            } else if (overflow == BitfieldMath.ABOVE) {
                stored = signed ? BitfieldMath.signedMax(width) : BitfieldMath.unsignedMax(width);
            } else {
                stored = signed ? BitfieldMath.signedMin(width) : 0;
            }
            RespWriter.integer(out, op == INCRBY ? stored : old);
            BitfieldMath.set(s, base, offset, width, stored);
            changes++;
        }
    }

    /**
     * The operation at argument {@code j} when enough arguments follow it for its kind, as Redis
     * matches them; -1 otherwise (a syntax error).
     */
    private static int op(Request c, int j) {
        int following = c.argc() - j - 1;
        if (c.equalsIgnoreCase(j, "GET") && following >= 2) {
            return GET;
        }
        if (c.equalsIgnoreCase(j, "SET") && following >= 3) {
            return SET;
        }
        if (c.equalsIgnoreCase(j, "INCRBY") && following >= 3) {
            return INCRBY;
        }
        return c.equalsIgnoreCase(j, "OVERFLOW") && following >= 1 ? OVERFLOW : -1;
    }

    /** The OVERFLOW behaviour named by argument {@code arg}, or -1. */
    private static int overflow(Request c, int arg) {
        return c.equalsIgnoreCase(arg, "WRAP") ? WRAP : c.equalsIgnoreCase(arg, "SAT") ? SAT
                : c.equalsIgnoreCase(arg, "FAIL") ? FAIL : -1;
    }

    /**
     * Redis's {@code getBitfieldTypeFromArgument}: {@code i1}..{@code i64} or {@code u1}..{@code u63}
     * as the width, plus {@link #SIGNED} for {@code i}; 0 for anything else. Like Redis, the width
     * is read as a C string: a NUL byte ends it.
     */
    private int type(Request c, int arg) {
        long length = c.length(arg);
        if (length == 0) {
            return 0;
        }
        byte sign = c.byteAt(arg, 0);
        if (sign != 'i' && sign != 'u') {
            return 0;
        }
        long digits = 0;
        while (1 + digits < length && c.byteAt(arg, 1 + digits) != 0) {
            digits++;
        }
        if (!numbers.parseLong(c.buffer(), c.offset(arg) + 1, digits)) {
            return 0;
        }
        long width = numbers.longValue();
        if (width < 1 || width > (sign == 'i' ? 64 : 63)) {
            return 0;
        }
        return (int) width | (sign == 'i' ? SIGNED : 0);
    }
}
