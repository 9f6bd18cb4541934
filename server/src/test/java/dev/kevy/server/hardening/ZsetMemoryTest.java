package dev.kevy.server.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.server.compat.Kevy;
import dev.kevy.server.compat.Wire;
import org.junit.jupiter.api.Test;

/**
 * used_memory counts every block of a sorted set, packed or large (elements, table, tree nodes and header), and
 * returns exactly to its baseline when the set goes by ZREM of its last member, DEL, an expiry,
 * an overwrite by SET, a RENAME onto it, or FLUSHALL; MEMORY USAGE grows with the set.
 */
class ZsetMemoryTest {

    @Test
    void everyWayASortedSetGoesGivesBackAllItsMemory() {
        try (Kevy kevy = Kevy.start(1); Wire c = new Wire(kevy.port())) {
            long baseline = MaxClientsTest.infoField(c, "used_memory");
            fill(c, "z", 300);
            long big = MaxClientsTest.infoField(c, "used_memory");
            assertTrue(big > baseline + 300 * 40, "300 nodes are counted: " + (big - baseline));
            assertEquals("$8\r\nskiplist\r\n", c.callText("OBJECT", "ENCODING", "z"));
            long usage = Long.parseLong(c.callText("MEMORY", "USAGE", "z", "SAMPLES", "0").substring(1).trim());
            assertEquals(big - baseline + 16, usage, "MEMORY USAGE SAMPLES 0: every block of the set, and its 16-byte index slot");
            assertEquals(":1\r\n", c.callText("DEL", "z"));
            assertEquals(baseline, MaxClientsTest.infoField(c, "used_memory"), "DEL");

            fill(c, "p", 10);
            assertEquals("$8\r\nlistpack\r\n", c.callText("OBJECT", "ENCODING", "p"));
            assertEquals(":10\r\n", c.callText("ZREMRANGEBYRANK", "p", "0", "-1"));
            assertEquals(baseline, MaxClientsTest.infoField(c, "used_memory"), "the last member removed");

            fill(c, "z", 200);
            assertEquals(":1\r\n", c.callText("PEXPIREAT", "z", "1"));
            assertEquals(":0\r\n", c.callText("EXISTS", "z"));
            assertEquals(baseline, MaxClientsTest.infoField(c, "used_memory"), "expired");

            fill(c, "z", 200);
            assertEquals("+OK\r\n", c.callText("SET", "z", "v"));
            assertEquals(":1\r\n", c.callText("DEL", "z"));
            assertEquals(baseline, MaxClientsTest.infoField(c, "used_memory"), "overwritten by SET");

            fill(c, "a", 200);
            fill(c, "b", 150);
            assertEquals("+OK\r\n", c.callText("RENAME", "a", "b"));
            assertEquals(":200\r\n", c.callText("ZCARD", "b"));
            assertEquals(":1\r\n", c.callText("COPY", "b", "c"));
            assertEquals(":2\r\n", c.callText("DEL", "b", "c"));
            assertEquals(baseline, MaxClientsTest.infoField(c, "used_memory"), "renamed onto, copied, deleted");

            fill(c, "z", 500);
            fill(c, "y", 20);
            assertEquals("+OK\r\n", c.callText("FLUSHALL"));
            assertEquals(baseline, MaxClientsTest.infoField(c, "used_memory"), "FLUSHALL");
        }
    }

    private static void fill(Wire c, String key, int members) {
        for (int i = 0; i < members; i++) {
            assertEquals(":1\r\n", c.callText("ZADD", key, Integer.toString(i * 3 % 101), "member-" + i));
        }
    }
}
