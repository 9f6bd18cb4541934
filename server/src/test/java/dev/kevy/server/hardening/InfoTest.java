package dev.kevy.server.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.server.compat.Kevy;
import dev.kevy.server.compat.Wire;
import org.junit.jupiter.api.Test;

/** INFO explains the server: Redis's sections plus kevy's per-shard lines, with numbers that move. */
class InfoTest {

    private static final int SHARDS = 3;

    @Test
    void infoHasRedisSectionsAndPerShardLinesWhoseNumbersMove() {
        try (Kevy kevy = Kevy.start(SHARDS); Wire c = new Wire(kevy.port())) {
            String info = Wire.text(c.call("INFO"));
            for (String section : new String[] {"# Server", "# Clients", "# Memory", "# Stats", "# Keyspace", "# Kevy"}) {
                assertTrue(info.contains(section + "\r\n"), "INFO has " + section);
            }
            for (int s = 0; s < SHARDS; s++) {
                assertTrue(info.contains("\r\nshard" + s + ":keys=0,connections="), "INFO has a line for shard " + s);
            }
            assertTrue(info.contains("\r\nshards:3\r\n"));
            assertTrue(info.contains("\r\nredis_version:"));
            assertTrue(!info.contains("db0:"), "an empty keyspace lists no db0");

            long commandsBefore = MaxClientsTest.infoField(c, "total_commands_processed");
            for (int i = 0; i < 30; i++) {
                assertEquals("+OK\r\n", i % 2 == 0 ? c.callText("SET", "info:" + i, "v", "EX", "1000")
                        : c.callText("SET", "info:" + i, "v"));
            }
            assertTrue(Wire.text(c.call("INFO", "keyspace")).contains("db0:keys=30,expires=15,"),
                    Wire.text(c.call("INFO", "keyspace")));
            // commands are counted per shard and published at each tick (~100 ms)
            long deadline = System.nanoTime() + Kevy.WAIT_MILLIS * 1_000_000L;
            while (MaxClientsTest.infoField(c, "total_commands_processed") < commandsBefore + 30) {
                assertTrue(System.nanoTime() < deadline, "total_commands_processed did not grow by 30");
                Thread.onSpinWait();
            }
            String kevySection = Wire.text(c.call("INFO", "kevy"));
            long perShardKeys = 0;
            for (int s = 0; s < SHARDS; s++) {
                int at = kevySection.indexOf("shard" + s + ":keys=");
                perShardKeys += Long.parseLong(kevySection.substring(at + 12, kevySection.indexOf(',', at)));
            }
            assertEquals(30, perShardKeys, "the shards' keys add up");
            String clients = Wire.text(c.call("INFO", "clients"));
            assertTrue(clients.contains("# Clients\r\n") && !clients.contains("# Server"), "INFO clients: that section");
            assertEquals("$0\r\n\r\n", c.callText("INFO", "nosuchsection"));
        }
    }
}
