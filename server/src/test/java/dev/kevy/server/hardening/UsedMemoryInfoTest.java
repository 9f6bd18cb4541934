package dev.kevy.server.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.server.compat.Kevy;
import dev.kevy.server.compat.Wire;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * INFO used_memory on a live two-shard server tracks a known workload: it is the shards' sum of
 * their entries' blocks, eight bytes per key with an expiry, and their index tables; and FLUSHALL
 * brings it back to the empty server's figure exactly.
 *
 * <p>Entries are sized to fill their blocks exactly (a 24-byte header, an 8-byte key, and a value
 * of 96, 480, 992 or 4064 bytes make blocks of 128, 512, 1024 and 4096 bytes), so the blocks sum
 * to a known figure without this test knowing the size classes. The tables are the only part
 * that depends on how the keys fell between the shards: each shard starts with 2048 slots
 * (32 KiB) and, past 1536 keys, grows to 4096 (64 KiB, with the old table counted until the
 * resize completes): so with about 2000 keys a shard, tables add 128 to 192 KiB in all.
 */
class UsedMemoryInfoTest {

    private static final int[] VALUE_LENGTHS = {96, 480, 992, 4064};
    private static final int[] BLOCKS = {128, 512, 1024, 4096};
    private static final int KEYS = 4000;

    @Test
    void usedMemoryIsTheBlocksPlusExpirySlotsPlusTablesAndFlushallReturnsToBaseline() {
        try (Kevy kevy = Kevy.start(2); Wire c = new Wire(kevy.port())) {
            long baseline = MaxClientsTest.infoField(c, "used_memory");
            assertEquals(2 * 32 * 1024, baseline, "two empty shards: one 2048-slot table each");
            long blocks = 0;
            long expiring = 0;
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            for (int i = 0; i < KEYS; i++) {
                int size = i % VALUE_LENGTHS.length;
                String key = String.format("m:%06d", i);
                String value = "x".repeat(VALUE_LENGTHS[size]);
                batch.writeBytes(i % 5 == 0 ? Wire.encode("SET", key, value, "EX", "100000") : Wire.encode("SET", key, value));
                blocks += BLOCKS[size];
                expiring += i % 5 == 0 ? 1 : 0;
            }
            c.send(batch.toByteArray());
            for (int i = 0; i < KEYS; i++) {
                assertEquals("+OK\r\n", Wire.text(c.reply()));
            }
            long used = MaxClientsTest.infoField(c, "used_memory");
            long tables = used - blocks - 8 * expiring;
            System.out.println("used_memory " + used + " for " + KEYS + " keys: blocks " + blocks + ", expiry slots "
                    + 8 * expiring + ", tables " + tables);
            assertTrue(tables >= 128 * 1024 && tables <= 192 * 1024,
                    "used_memory minus blocks and expiry slots is the index tables: " + tables);
            assertEquals("+OK\r\n", c.callText("FLUSHALL"));
            assertEquals(baseline, MaxClientsTest.infoField(c, "used_memory"), "FLUSHALL returns to the baseline");
        }
    }
}
