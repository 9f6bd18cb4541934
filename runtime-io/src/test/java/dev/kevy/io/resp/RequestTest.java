package dev.kevy.io.resp;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.io.codec.Request;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class RequestTest {
    private final RespParser parser = new RespParser();

    private Request parse(String... args) {
        byte[] data = RespParserTest.multibulk(args);
        assertEquals(RespParser.COMMAND,
                parser.parse(MemorySegment.ofArray(data), 0, data.length, new RespParseState()));
        return parser.command();
    }

    @Test
    void namesCompareIgnoringTheCaseOfLettersOnly() {
        Request command = parse("gEt", "a[", "SET");
        assertTrue(command.equalsIgnoreCase(0, "GET"));
        assertTrue(command.equalsIgnoreCase(0, "get".getBytes(ISO_8859_1)));
        assertFalse(command.equalsIgnoreCase(0, "GETX"));
        assertFalse(command.equalsIgnoreCase(0, "GE"));
        assertFalse(command.equalsIgnoreCase(1, "A{"), "'[' and '{' differ only in bit 0x20 but are not letters");
        assertTrue(command.equalsIgnoreCase(1, "A["));
    }

    @Test
    void exactComparisonAgainstBytesAndSegments() {
        Request command = parse("SET", "key", "value");
        assertTrue(command.equals(1, "key".getBytes(ISO_8859_1)));
        assertFalse(command.equals(1, "KEY".getBytes(ISO_8859_1)));
        MemorySegment other = MemorySegment.ofArray("..value..".getBytes(ISO_8859_1));
        assertTrue(command.equals(2, other, 2, 5));
        assertFalse(command.equals(2, other, 2, 4));
        assertFalse(command.equals(2, other, 1, 5));
    }

    @Test
    void numbersAndCopiesOfArguments() {
        Request command = parse("INCRBY", "k", "-42", "1.5", "+1");
        assertTrue(command.parseLong(2));
        assertEquals(-42, command.longValue());
        assertFalse(command.parseLong(3));
        assertTrue(command.parseDouble(3));
        assertEquals(1.5, command.doubleValue());
        assertFalse(command.parseLong(4), "string2ll refuses a plus sign");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment dst = arena.allocate(8);
            command.copyTo(2, dst, 1);
            assertArrayEquals("-42".getBytes(ISO_8859_1), dst.asSlice(1, 3).toArray(ValueLayout.JAVA_BYTE));
        }
        assertEquals('4', command.byteAt(2, 1));
        assertEquals("INCRBY", command.toString(0));
    }

    @Test
    void argumentIndexIsChecked() {
        Request command = parse("PING");
        assertThrows(IndexOutOfBoundsException.class, () -> command.length(1));
        assertThrows(IndexOutOfBoundsException.class, () -> command.byteAt(0, 4));
    }

    @Test
    void commandWithMoreArgumentsThanEverBeforeGrowsTheView() {
        String[] args = new String[1000];
        for (int i = 0; i < args.length; i++) {
            args[i] = "a" + i;
        }
        Request command = parse(args);
        assertEquals(1000, command.argc());
        assertEquals("a999", command.toString(999));
    }
}
