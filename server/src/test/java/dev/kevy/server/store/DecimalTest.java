package dev.kevy.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DecimalTest {
    private final MemorySegment buffer = Arena.ofAuto().allocate(64);

    /** Writes {@code text} at offset 3 and returns its length. */
    private int put(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        MemorySegment.copy(bytes, 0, buffer, ValueLayout.JAVA_BYTE, 3, bytes.length);
        return bytes.length;
    }

    /** Whether {@code text} is an integer, asked as a caller of parse() must. */
    private boolean parse(String text) {
        int length = put(text);
        return Decimal.parse(buffer, 3, length) != Decimal.NOT_AN_INTEGER || Decimal.isMinValue(buffer, 3, length);
    }

    private long value(String text) {
        return Decimal.parse(buffer, 3, put(text));
    }

    @Test
    void acceptsExactlyTheCanonicalTextOfALong() {
        String[] valid = {"0", "1", "-1", "9", "10", "-10", "123456789", "9223372036854775807",
            "-9223372036854775808", "-9223372036854775807", "1000000000000000000"};
        for (String text : valid) {
            assertTrue(parse(text), text);
            assertEquals(Long.parseLong(text), value(text), text);
        }
    }

    @Test
    void rejectsWhatRedisString2llRejects() {
        String[] invalid = {"", "-", "-0", "00", "01", "-01", "+1", " 1", "1 ", "1a", "a1", "1.0",
            "9223372036854775808", "-9223372036854775809", "99999999999999999999",
            "000000000000000000001", "12345678901234567890123", "--1", "0x10", "1-"};
        for (String text : invalid) {
            assertFalse(parse(text), "accepted '" + text + "'");
            assertEquals(Decimal.NOT_AN_INTEGER, value(text), text);
        }
    }

    @Test
    void onlyTheTextOfTheSmallestLongIsTheSmallestLong() {
        for (String text : new String[] {"-9223372036854775808", "-9223372036854775809", "-922337203685477580x",
            "9223372036854775808", "-9223372036854775807"}) {
            int length = put(text);
            assertEquals(text.equals("-9223372036854775808"), Decimal.isMinValue(buffer, 3, length), text);
        }
    }

    @Test
    void writesTheSameTextAsLongToString() {
        long[] values = {0, 1, -1, 9, 10, -9, -10, 99, 100, 12345, -12345, Long.MAX_VALUE, Long.MIN_VALUE,
            Long.MAX_VALUE - 1, Long.MIN_VALUE + 1, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L};
        for (long v : values) {
            String expected = Long.toString(v);
            int length = Decimal.length(v);
            assertEquals(expected.length(), length, expected);
            Decimal.write(buffer, 5, length, v);
            byte[] out = new byte[length];
            MemorySegment.copy(buffer, ValueLayout.JAVA_BYTE, 5, out, 0, length);
            assertEquals(expected, new String(out, StandardCharsets.US_ASCII));
            assertEquals(v, Decimal.parse(buffer, 5, length));
        }
    }

    @Test
    void everyPowerOfTenBoundaryHasTheRightLength() {
        long p = 1;
        for (int digits = 1; digits <= 19; digits++, p *= 10) {
            assertEquals(digits, Decimal.length(p), "10^" + (digits - 1));
            assertEquals(digits + 1, Decimal.length(-p));
            if (p > 1) {
                assertEquals(digits - 1, Decimal.length(p - 1));
            }
        }
    }
}
