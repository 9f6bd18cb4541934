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
 * pipeline are independent, so this class issues their loads in two tight passes:
 * {@link #add} loads each key's home slot without looking at what arrives, and {@link #finish}
 * then finds each entry by its stored hash (the slot is in cache by then) and loads its first
 * line and, unless it starts in the first eight bytes of one, the next (where a small entry's
 * key or value goes on: a 56-byte block straddles two lines three times in four). The processor
 * keeps a dozen or more such loads in flight at once; the commands then run against warm lines.
 * Loading the second line too took the server's CPU per request at {@code -P 16} from 552 to
 * 490 ns for GET and 547 to 512 for SET over 100,000 keys, 645 to 592 for GET over 1,000,000
 * (medians of three alternated runs, docs/BENCHMARKS.md "The second line"), though
 * {@code KeyspaceBench}'s looked-ahead GET got slower (187 to 201 ns).
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
        for (int i = 0; i < count; i++) {
            loaded[i] = dicts[i].loadEntryWithHash(hashes[i]);
        }
        count = 0;
    }
}
