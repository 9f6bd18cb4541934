package dev.kevy.server.command;

import dev.kevy.io.codec.Request;
import dev.kevy.rt.buffer.OutputBuffer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/** Redis 7's error replies, pre-encoded, and the one error built from the request's own bytes. */
public final class Replies {

    public static final byte[] WRONG_TYPE = bytes("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
    public static final byte[] NOT_INTEGER = bytes("-ERR value is not an integer or out of range\r\n");
    public static final byte[] NOT_FLOAT = bytes("-ERR value is not a valid float\r\n");
    public static final byte[] OVERFLOW = bytes("-ERR increment or decrement would overflow\r\n");
    public static final byte[] DECREMENT_OVERFLOW = bytes("-ERR decrement would overflow\r\n");
    public static final byte[] SYNTAX = bytes("-ERR syntax error\r\n");
    public static final byte[] NOAUTH = bytes("-NOAUTH Authentication required.\r\n");
    public static final byte[] DB_OUT_OF_RANGE = bytes("-ERR DB index is out of range\r\n");
    /** Redis's {@code getIntFromObjectOrReply} for an integer outside a C int. */
    public static final byte[] NOT_A_C_INT =
            bytes("-ERR value is out of range, value must between -2147483648 and 2147483647\r\n");
    public static final byte[] TOO_LARGE = bytes("-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n");
    public static final byte[] OOM = bytes("-OOM command not allowed when used memory > 'maxmemory'.\r\n");

    private static final byte[] UNKNOWN_COMMAND = bytes("-ERR unknown command '");
    private static final byte[] WITH_ARGS = bytes("', with args beginning with: ");
    private static final int UNKNOWN_LIMIT = 128;

    private Replies() {
    }

    /** A HELP reply: an array of simple strings, one per line, pre-encoded. */
    public static byte[] help(String... lines) {
        StringBuilder b = new StringBuilder("*").append(lines.length).append("\r\n");
        for (String line : lines) {
            b.append('+').append(line).append("\r\n");
        }
        return bytes(b.toString());
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * {@code -ERR unknown command 'name', with args beginning with: 'a' 'b' }, exactly as Redis
     * builds it: the name cut at 128 bytes, arguments quoted while the list is under 128 bytes,
     * CR and LF shown as spaces, a NUL ending an argument (C strings).
     */
    public static void unknownCommand(Request command, OutputBuffer out) {
        out.writeBytes(UNKNOWN_COMMAND);
        copySanitized(command, 0, Math.min(command.length(0), UNKNOWN_LIMIT), out);
        out.writeBytes(WITH_ARGS);
        long listed = 0;
        for (int i = 1; i < command.argc() && listed < UNKNOWN_LIMIT; i++) {
            long take = Math.min(command.length(i), UNKNOWN_LIMIT - listed);
            out.writeByte('\'');
            long copied = copySanitized(command, i, take, out);
            out.writeByte('\'');
            out.writeByte(' ');
            listed += copied + 3;
        }
        out.writeCrlf();
    }

    /** {@code -ERR unknown subcommand 'sub'. Try NAME HELP.} */
    public static void unknownSubcommand(Request command, String upperName, OutputBuffer out) {
        out.writeAscii("-ERR unknown subcommand '");
        copySanitized(command, 1, Math.min(command.length(1), UNKNOWN_LIMIT), out);
        out.writeAscii("'. Try " + upperName + " HELP.\r\n");
    }

    /** Copies up to {@code length} bytes of an argument as C's {@code %s} prints it (a NUL ends it); returns how many. */
    private static long copySanitized(Request command, int arg, long length, OutputBuffer out) {
        MemorySegment s = command.buffer();
        long start = command.offset(arg);
        for (long i = 0; i < length; i++) {
            byte b = s.get(ValueLayout.JAVA_BYTE, start + i);
            if (b == 0) {
                return i;
            }
            out.writeByte(b == '\r' || b == '\n' ? ' ' : b);
        }
        return length;
    }
}
