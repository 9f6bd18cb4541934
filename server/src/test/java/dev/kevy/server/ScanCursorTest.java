package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** SCAN's cursor argument read as Redis's {@code strtoul} reads it: which texts are cursors, and their values. */
class ScanCursorTest {

    private static boolean valid(String cursor) {
        return KeyCommands.isCursor(Requests.of("SCAN", cursor), 1);
    }

    private static long value(String cursor) {
        assertTrue(valid(cursor), cursor + " is a cursor");
        return KeyCommands.cursor(Requests.of("SCAN", cursor), 1);
    }

    @Test
    void decimalCursorsReadAsUnsignedSixtyFourBitNumbers() {
        assertEquals(0, value("0"));
        assertEquals(17, value("17"));
        assertEquals(17, value("+17"));
        assertEquals(17, value("0017"));
        assertEquals(-1L, value("18446744073709551615"), "2^64 - 1, the largest");
        assertEquals(Long.MIN_VALUE, value("9223372036854775808"));
    }

    @Test
    void aMinusWrapsAndTheEmptyTextOrANulEndsTheNumber() {
        assertEquals(-5L, value("-5"), "strtoul negates in unsigned arithmetic: 2^64 - 5");
        assertEquals(0, value(""));
        assertEquals(0, value("\0abc"));
        assertEquals(12, value("12\0junk"));
    }

    @Test
    void textThatIsNotACursorIsRefused() {
        for (String bad : new String[] {"abc", " 1", "\t1", "1 ", "0x10", "-", "+", "1.5", "18446744073709551616",
            "99999999999999999999", "--1"}) {
            assertFalse(valid(bad), "'" + bad + "'");
        }
    }
}
