package dev.kevy.server.store;

import dev.kevy.rt.KeyHash;
import java.lang.foreign.MemorySegment;

/**
 * Loads the index slots and entries of the keys a batch of commands is about to use, before any
 * of them runs, so that their cache misses overlap instead of following one another.
 *
 * <p>A lookup in a large keyspace misses the cache twice, on the slot and then on the entry it
 * names, and each miss costs this VM 250 to 300 ns (its page walks are nested). One command's
 * misses cannot overlap: the second address comes from the first load. But the commands of a
 * pipeline are independent, so this class gathers their keys' hashes ({@link #add}) and then
 * ({@link #finish}) loads every home slot in one tight loop, finds each entry by its stored hash
 * in a second (the slots are in cache by then: nothing misses there), and loads the entries in a
 * third: each one's first line and, unless it starts in the first eight bytes of one, the next
 * (where a small entry's key or value goes on: a 56-byte block straddles two lines three times
 * in four). The commands then run against warm lines.
 *
 * <p>Why the finding and the loading are separate loops: a load that misses holds the
 * processor's retirement until it arrives, so only the instructions that fit in its reorder
 * window behind it can start the next misses. Finding an entry is a probe of dozens of
 * instructions; done between one entry's load and the next, it filled that window after a few
 * loads. Gathered into a loop of their own, the loads go out together:
 * {@code KeyspaceBench.getHitPipelineLookedAhead} (1M keys) went from 179 to 152 ns a GET, and
 * the server's CPU per GET at {@code -P 16} over 1M keys from 559 to 521 ns (docs/BENCHMARKS.md,
 * "Finding apart from loading"). Loading the second line took the server's CPU per request from
 * 552 to 490 ns for GET and 547 to 512 for SET over 100,000 keys ("The second line").
 *
 * <p>Everything here is a hint: a wrong guess (a hash collision, a key that a command of the batch
 * deletes first) costs one useless load and changes no state. The loaded words are stored in an
 * array so the compiler cannot drop the loads as unused.
 */
public final class LookAhead {
    /** Most keys one batch remembers; more are not looked ahead. */
    public static final int CAPACITY = 32;

    private final Dict[] dicts = new Dict[CAPACITY];
    private final long[] hashes = new long[CAPACITY];
    private final long[] entries = new long[CAPACITY];
    private final long[] loaded = new long[CAPACITY];
    private int count;

    /** Keys added since the last {@link #finish}. */
    public int count() {
        return count;
    }

    /** Stage one: loads the slot {@code key} hashes to in {@code keyspace}. Ignored when full. */
    public void add(Keyspace keyspace, MemorySegment key, long offset, int length) {
        if (count == CAPACITY) {
            return;
        }
        long hash = KeyHash.hash(key, offset, length);
        Dict dict = keyspace.entries.dict;
        dicts[count] = dict;
        hashes[count] = hash;
        count++;
    }

    /**
     * Loads the home slot of every key added, then the entry of each (its slot is in cache by
     * then), then forgets them. Each pass is a tight loop of independent loads, so the processor
     * has all of a pass's misses in flight at once.
     */
    public void finish() {
        for (int i = 0; i < count; i++) {
            loaded[i] = dicts[i].homeEntryWord(hashes[i]);
        }
        for (int i = 0; i < count; i++) { // the slots are in cache now: no miss here
            entries[i] = dicts[i].entryWithHash(hashes[i]);
        }
        for (int i = 0; i < count; i++) {
            loaded[i] = entries[i] == 0 ? 0 : dicts[i].loadEntry(entries[i]);
        }
        count = 0;
    }
}
