package dev.kevy.io.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.io.codec.Request;
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
 * A forwarded request crosses as its fields ({@link Records#writeFields}) in exactly
 * {@link Records#fieldsLength} bytes and reads back to the same fields, whether it arrived as a
 * RESP multibulk or inline and whatever bytes its fields hold; a truncated or overlong body is
 * refused, not read past.
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

    static byte[] multibulk(List<String> args) {
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

    private static List<String> args(Request c) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < c.argc(); i++) {
            out.add(c.toString(i));
        }
        return out;
    }

    /** Parses {@code wire}, writes its fields as a record body behind a header, reads them back. */
    private void roundTrip(byte[] wire, List<String> expected) {
        RespParser parser = new RespParser();
        MemorySegment in = segmentOf(wire);
        assertEquals(RespParser.COMMAND, parser.parse(in, 0, wire.length, new RespParseState()));
        Request command = parser.command();
        assertEquals(expected, args(command), "parsed from the wire");

        long length = Records.fieldsLength(command);
        long payload = 0;
        for (String a : expected) {
            payload += a.length();
        }
        assertEquals(8 + 4L * expected.size() + payload, length, "a count and a tag, then a length and the bytes per field");
        command.tag(0x5EED);
        long at = Records.HEADER + 3; // an unaligned start, as a ring or backlog may give
        MemorySegment record = arena.allocate(at + length + 5);
        Records.writeHeader(record, 3, 0x1234_5678_9ABC_DEF0L, 42, -1, 7, 5);
        assertEquals(at + length, Records.writeFields(record, at, command), "returns the offset after the body");
        assertEquals(0x1234_5678_9ABC_DEF0L, record.get(Records.LONG, 3 + Records.TOKEN));
        assertEquals(42, record.get(Records.LONG, 3 + Records.SEQ));
        assertEquals(-1, record.get(Records.INT, 3 + Records.GATHER));
        assertEquals(7, record.get(Records.INT, 3 + Records.PART));
        assertEquals(5, record.get(Records.INT, 3 + Records.LISTENER));

        Request back = new Request();
        assertTrue(Records.readFields(record, at, at + length, back));
        assertEquals(expected, args(back), "read back from the record");
        assertEquals(0x5EED, back.tag(), "the handler's tag travels with the fields");
        assertFalse(Records.readFields(record, at, at + length - 1, back), "one byte short");
        assertEquals(0, back.argc(), "a refused body leaves the view empty");
        assertFalse(Records.readFields(record, at, at + length + 1, back), "one byte too many");
    }

    @Test
    void multibulkCommandRoundTrips() {
        List<String> args = List.of("SET", "key:1", "value");
        roundTrip(multibulk(args), args);
    }

    @Test
    void inlineCommandCrossesAsItsDecodedFields() {
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

    @Test
    void aNegativeCountOrLengthIsRefused() {
        MemorySegment body = arena.allocate(16);
        Request view = new Request();
        body.set(Records.INT, 0, -1);
        assertFalse(Records.readFields(body, 0, 8, view));
        body.set(Records.INT, 0, 1);
        body.set(Records.INT, 8, -3);
        assertFalse(Records.readFields(body, 0, 12, view));
    }
}
