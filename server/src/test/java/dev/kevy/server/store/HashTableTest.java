package dev.kevy.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Robin Hood invariants with hashes chosen to collide and wrap; entries are opaque longs here. */
class HashTableTest {
    private final HashTable table = new HashTable(16);

    @AfterEach
    void close() {
        table.close();
    }

    private static long hashWithHome(int home, int salt) {
        return ((long) salt << 32) | home;
    }

    private void assertInvariant() {
        // Every occupant is reachable from its home through occupied slots, and each of those sits
        // at least as far from its own home as Robin Hood allows (homes never decrease along a run).
        for (int slot = 0; slot < table.capacity; slot++) {
            if (table.entryAt(slot) == 0) {
                continue;
            }
            int displacement = table.displacementAt(slot);
            for (int back = 1; back <= displacement; back++) {
                int before = (slot - back) & table.mask;
                assertTrue(table.entryAt(before) != 0, "hole between home and slot " + slot);
                assertTrue(table.displacementAt(before) >= displacement - back,
                    "slot " + before + " is closer to home than Robin Hood allows");
            }
        }
    }

    @Test
    void collidingEntriesThatWrapPastTheEndAreFoundAndRemoved() {
        int[] homes = {14, 15, 15, 14, 0, 15, 1, 14};
        long[] hashes = new long[homes.length];
        for (int i = 0; i < homes.length; i++) {
            hashes[i] = hashWithHome(homes[i], i + 1);
            table.insert(hashes[i], 1000 + i);
            assertInvariant();
        }
        assertEquals(homes.length, table.count);
        for (int i = 0; i < homes.length; i++) {
            int slot = table.findEntry(hashes[i], 1000 + i);
            assertTrue(slot >= 0, "entry " + i + " lost");
            assertEquals(hashes[i], table.hashAt(slot));
        }
        int[] order = {3, 0, 5, 7, 1, 6, 2, 4};
        for (int step = 0; step < order.length; step++) {
            int i = order[step];
            table.removeAt(table.findEntry(hashes[i], 1000 + i));
            assertInvariant();
            assertEquals(-1, table.findEntry(hashes[i], 1000 + i));
            for (int later = step + 1; later < order.length; later++) {
                int j = order[later];
                assertTrue(table.findEntry(hashes[j], 1000 + j) >= 0, "entry " + j + " lost after removing " + i);
            }
        }
        assertEquals(0, table.count);
        for (int slot = 0; slot < table.capacity; slot++) {
            assertEquals(0, table.entryAt(slot));
        }
    }

    @Test
    void randomInsertsAndRemovesKeepEveryEntryFindable() {
        Random random = new Random(3);
        List<long[]> live = new ArrayList<>();
        long next = 1;
        for (int op = 0; op < 20_000; op++) {
            if (live.size() < 12 && (live.isEmpty() || random.nextBoolean())) {
                long hash = hashWithHome(random.nextInt(4) * 4 + 12 & 15, random.nextInt());
                table.insert(hash, next);
                live.add(new long[] {hash, next++});
            } else {
                long[] victim = live.remove(random.nextInt(live.size()));
                table.removeAt(table.findEntry(victim[0], victim[1]));
            }
            assertInvariant();
            for (long[] e : live) {
                assertTrue(table.findEntry(e[0], e[1]) >= 0);
            }
            assertEquals(live.size(), table.count);
        }
    }
}
