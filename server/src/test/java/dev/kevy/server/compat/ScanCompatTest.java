package dev.kevy.server.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * SCAN across kevy's three shards against a live Redis: an empty database answers cursor 0 at
 * once, as Redis does; a small database comes back whole in one call; a full scan gathers up to
 * COUNT keys a call from every shard in turn, with MATCH and TYPE, in a selected database too, and
 * returns exactly Redis's keys. The exact pages differ (the cursor names a shard and a position in
 * its table), so pages are compared as sets and calls are counted.
 */
class ScanCompatTest extends DifferentialBase {

    @Test
    void anEmptyDatabaseAnswersCursorZeroInOneCall() {
        try (Differ d = differ()) {
            d.same("SCAN", "0");
            d.same("SCAN", "0", "COUNT", "1");
            d.same("SCAN", "0", "MATCH", "*", "TYPE", "string");
            d.same("SELECT", "7");
            d.same("SCAN", "0");
            d.same("SET", "k", "v");
            d.same("SELECT", "0");
            d.same("SCAN", "0");
            d.assertSame();
        }
    }

    @Test
    void aSmallDatabaseComesBackWholeInOneCall() {
        try (Differ d = differ()) {
            for (int shard = 0; shard < SHARDS; shard++) {
                d.same("SET", onShard(shard, "small:"), "v");
            }
            d.same("SET", onShard(0, "other:"), "v");
            d.same("SET", onShard(2, "small:x"), "v");
            d.sorted("KEYS", "*");
            assertEquals(List.of(5, 1), pages(d.kevy()), "five keys, one call");
            assertEquals(List.of(3, 1), pages(d.kevy(), "MATCH", "small:?"), "MATCH filters, one call");
            assertEquals(List.of(0, 1), pages(d.kevy(), "TYPE", "hash"));
            d.scanSame();
            d.scanSame("MATCH", "small:*");
            d.scanSame("TYPE", "string");
            d.scanSame("TYPE", "list");
            d.assertSame();
        }
    }

    @Test
    void aFullScanGathersCountKeysACallFromEveryShard() {
        try (Differ d = differ()) {
            int keys = 200;
            for (int i = 0; i < keys; i++) {
                d.same("SET", (i % 2 == 0 ? "even:" : "odd:") + i, "v");
            }
            for (int count : new int[] {1, 2, 7, 50}) {
                List<Integer> p = pages(d.kevy(), "COUNT", Integer.toString(count));
                assertEquals(keys, p.get(0), "COUNT " + count + ": every key once");
                // Every call but the last returns at least COUNT keys (it stops at a shard not done,
                // which visited COUNT, or once its shards visited COUNT together).
                assertTrue(p.get(1) <= keys / count + 1, "COUNT " + count + ": " + p.get(1) + " calls");
                d.scanSame("COUNT", Integer.toString(count));
                d.scanSame("COUNT", Integer.toString(count), "MATCH", "even:*");
                d.scanSame("COUNT", Integer.toString(count), "TYPE", "string", "MATCH", "*1*");
            }
            d.scanSame("COUNT", "3", "TYPE", "set");
            d.same("SELECT", "9");
            d.same("MSET", "nine:1", "a", "nine:2", "b", onShard(1, "nine:"), "c");
            d.scanSame("COUNT", "1");
            assertEquals(List.of(3, 1), pages(d.kevy()), "database 9 alone");
            d.assertSame();
        }
    }

    /**
     * Scans to cursor 0 on {@code w}; returns (keys returned, calls made). Fails if a key comes
     * back twice, which a scan over a table that does not change between calls never does.
     */
    private static List<Integer> pages(Wire w, String... options) {
        TreeSet<String> seen = new TreeSet<>();
        int returned = 0;
        int calls = 0;
        String cursor = "0";
        do {
            String[] command = new String[2 + options.length];
            command[0] = "SCAN";
            command[1] = cursor;
            System.arraycopy(options, 0, command, 2, options.length);
            List<byte[]> reply = Differ.elements(w.call(command));
            cursor = Differ.bulkText(reply.get(0));
            for (byte[] key : Differ.elements(reply.get(1))) {
                assertTrue(seen.add(Differ.bulkText(key)), "returned twice: " + Differ.bulkText(key));
                returned++;
            }
            calls++;
        } while (!cursor.equals("0"));
        return List.of(returned, calls);
    }
}
