package dev.kevy.server.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.server.compat.Kevy;
import dev.kevy.server.compat.Wire;
import org.junit.jupiter.api.Test;

/** maxmemory: writes are refused with Redis's OOM error once memory is used up; reads go on; DEL frees. */
class MaxMemoryTest {

    private static final String OOM = "-OOM command not allowed when used memory > 'maxmemory'.\r\n";

    @Test
    void writesGetOomOverMaxmemoryWhileReadsWorkAndDeletingMakesRoom() {
        try (Kevy kevy = Kevy.start(1); Wire c = new Wire(kevy.port())) {
            assertEquals("+OK\r\n", c.callText("CONFIG", "SET", "maxmemory", "1mb"));
            String value = "v".repeat(1000);
            int written = 0;
            String reply;
            while ((reply = c.callText("SET", "key:" + written, value)).equals("+OK\r\n")) {
                written++;
                assertTrue(written < 100_000, "1 MB never filled up");
            }
            assertEquals(OOM, reply, "after " + written + " keys of 1 KB");
            System.out.println("maxmemory 1mb: OOM after " + written + " SETs of 1 KB");
            assertTrue(written >= 500, "refused after only " + written + " KB of a 1 MB limit");
            assertEquals(OOM, c.callText("APPEND", "key:0", "x"));
            assertEquals(OOM, c.callText("INCR", "counter"));
            assertEquals(OOM, c.callText("MSET", "a", "1", "b", "2"));
            assertEquals("$1000\r\n" + value + "\r\n", c.callText("GET", "key:0"), "reads still work");
            assertEquals(":" + written + "\r\n", c.callText("DBSIZE"));
            assertEquals(":1\r\n", c.callText("EXISTS", "key:1"));
            assertTrue(MaxClientsTest.infoField(c, "used_memory") >= 1 << 20, "INFO reports the memory in use");

            String[] del = new String[written]; // every key but key:0 (the limit applies at a tick, so
                                                // more than 1 MB may have been written before it)
            del[0] = "DEL";
            for (int i = 1; i < del.length; i++) {
                del[i] = "key:" + i;
            }
            assertEquals(":" + (del.length - 1) + "\r\n", c.callText(del), "DEL is allowed over the limit");
            assertEquals("+OK\r\n", c.callText("SET", "after-delete", value), "freed memory takes writes again");

            assertEquals("+OK\r\n", c.callText("CONFIG", "SET", "maxmemory", "0"));
            for (int i = 0; i < 2000; i++) { // a removed limit applies at once
                assertEquals("+OK\r\n", c.callText("SET", "unlimited:" + i, value));
            }
        }
    }
}
