package dev.kevy.io.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kevy.io.resp.RespCommand;
import dev.kevy.io.resp.RespParseState;
import dev.kevy.io.resp.RespParser;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A forwarded command is re-encoded as a RESP array ({@link Records#writeCommand}) of exactly
 * {@link Records#commandLength} bytes, and parses back to the same arguments, whether it arrived
 * as a multibulk or inline and whatever bytes its arguments hold.
 */
class RecordsTest {

    private final Arena arena = Arena.ofConfined();

    @AfterEach
    void close() {
        arena.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] multibulk(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes("*" + args.size() + "\r\n"));
        for (String a : args) {
            out.writeBytes(bytes("$" + a.length() + "\r\n" + a + "\r\n"));
        }
        return out.toByteArray();
    }

    private MemorySegment segmentOf(byte[] b) {
        MemorySegment s = arena.allocate(Math.max(1, b.length));
        MemorySegment.copy(b, 0, s, ValueLayout.JAVA_BYTE, 0, b.length);
        return s;
    }

    private static List<String> args(RespCommand c) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < c.argc(); i++) {
            out.add(c.toString(i));
        }
        return out;
    }

    /** Parses {@code wire}, re-encodes it as a record body behind a header, parses that back. */
    private void roundTrip(byte[] wire, List<String> expected) {
        RespParser parser = new RespParser();
        MemorySegment in = segmentOf(wire);
        assertEquals(RespParser.COMMAND, parser.parse(in, 0, wire.length, new RespParseState()));
        RespCommand command = parser.command();
        assertEquals(expected, args(command), "parsed from the wire");

        long length = Records.commandLength(command);
        byte[] canonical = multibulk(expected);
        assertEquals(canonical.length, length, "commandLength is the size of the canonical RESP array");
        long at = Records.HEADER + 3; // an unaligned start, as a ring or backlog may give
        MemorySegment record = arena.allocate(at + length + 5);
        Records.writeHeader(record, 3, 0x1234_5678_9ABC_DEF0L, 42, -1, 7);
        assertEquals(at + length, Records.writeCommand(record, at, command), "returns the offset after the body");
        assertEquals(new String(canonical, StandardCharsets.ISO_8859_1),
                new String(record.asSlice(at, length).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.ISO_8859_1));
        assertEquals(0x1234_5678_9ABC_DEF0L, record.get(Records.LONG, 3 + Records.TOKEN));
        assertEquals(42, record.get(Records.LONG, 3 + Records.SEQ));
        assertEquals(-1, record.get(Records.INT, 3 + Records.GATHER));
        assertEquals(7, record.get(Records.INT, 3 + Records.PART));

        RespParser again = new RespParser();
        RespParseState state = new RespParseState();
        assertEquals(RespParser.COMMAND, again.parse(record, at, at + length, state));
        assertEquals(expected, args(again.command()), "parsed back from the record");
        assertEquals(length, again.consumed(), "the body is exactly one command");
    }

    @Test
    void multibulkCommandRoundTrips() {
        List<String> args = List.of("SET", "key:1", "value");
        roundTrip(multibulk(args), args);
    }

    @Test
    void inlineCommandIsReencodedAsAnArray() {
        roundTrip(bytes("set \"a b\" 'c d' plain\r\n"), List.of("set", "a b", "c d", "plain"));
    }

    @Test
    void binaryEmptyAndLongArgumentsRoundTrip() {
        List<String> args = List.of("MSET", "", "\r\n*1\r\n$3\r\n", "\u0000\u00ff\u0080", "x".repeat(100_000),
                "1234567890");
        roundTrip(multibulk(args), args);
    }

    @Test
    void manyArgumentsRoundTrip() {
        List<String> args = new ArrayList<>();
        args.add("DEL");
        for (int i = 0; i < 1_234; i++) {
            args.add("k" + i);
        }
        roundTrip(multibulk(args), args);
    }

    @Test
    void digitsCountsDecimalDigits() {
        assertEquals(1, Records.digits(0));
        assertEquals(1, Records.digits(9));
        assertEquals(2, Records.digits(10));
        assertEquals(10, Records.digits(Integer.MAX_VALUE));
        assertEquals(19, Records.digits(Long.MAX_VALUE));
    }
}
