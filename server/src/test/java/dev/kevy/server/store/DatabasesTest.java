package dev.kevy.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** One shard's numbered databases: made on first use, swapped by reference, flushed together. */
class DatabasesTest {
    private static final long NOW = 1_000;

    private final Bytes bytes = new Bytes();

    private void set(Keyspace k, String name) {
        byte[] key = Bytes.utf8(name);
        long at = bytes.put(key);
        k.set(bytes.segment(), at, key.length, bytes.segment(), at, key.length, 0, 0, NOW);
    }

    @Test
    void onlyDatabaseZeroExistsUntilAnotherIsUsed() {
        try (Databases dbs = new Databases(16)) {
            assertEquals(16, dbs.count());
            assertEquals(1, dbs.used());
            assertNotNull(dbs.peek(0));
            assertNull(dbs.peek(9));
            Keyspace nine = dbs.get(9);
            assertSame(nine, dbs.peek(9));
            assertSame(nine, dbs.get(9));
            assertEquals(10, dbs.used(), "passes over the shard now look at databases 0 to 9");
            assertNull(dbs.peek(5));
        }
    }

    @Test
    void swapTradesTheTablesAndFlushAllEmptiesEveryDatabase() {
        try (Databases dbs = new Databases(16)) {
            Keyspace zero = dbs.get(0);
            set(zero, "a");
            set(zero, "b");
            dbs.swap(0, 12);
            assertSame(zero, dbs.peek(12));
            assertEquals(0, dbs.get(0).size(), "database 0 is the empty one that was 12");
            assertEquals(13, dbs.used());
            set(dbs.get(3), "c");
            assertEquals(3, dbs.size());
            dbs.flushAll();
            assertEquals(0, dbs.size());
            assertEquals(0, dbs.peek(12).size());
            assertEquals(0, dbs.peek(3).size());
        }
    }
}
