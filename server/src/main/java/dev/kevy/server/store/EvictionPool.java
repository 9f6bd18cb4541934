package dev.kevy.server.store;

/**
 * The best eviction candidates seen so far, as Redis's {@code EvictionPoolLRU}: at most
 * {@link #SIZE} entries sorted by score, ascending, so the best candidate (the one to evict
 * first) is the last. The score says how good a candidate is: idle seconds (LRU), 255 minus the
 * LFU counter (LFU), or how soon the expiry comes (volatile-ttl).
 *
 * <p>Why a pool and not the best of each sample: sampling five keys per eviction finds a
 * mediocre candidate; keeping the best from earlier samples makes each eviction's choice the
 * best of many samples at the cost of sixteen compares. Entries are named by (database, entry
 * handle, hash), not by key bytes: a candidate is checked before it is evicted (the handle must
 * still be in its database's index under that hash), so one deleted or moved since it was
 * sampled (a "ghost") is dropped, never followed.
 *
 * <p>Insertion is Redis's: a new candidate goes before candidates with an equal score; in a
 * full pool it pushes out the worst, and one no better than the worst is not kept.
 * Fixed arrays, no allocation after construction. Single-threaded.
 */
final class EvictionPool {
    /** Redis's {@code EVPOOL_SIZE}. */
    static final int SIZE = 16;

    private final long[] score = new long[SIZE];
    private final long[] entry = new long[SIZE];
    private final long[] hash = new long[SIZE];
    private final int[] db = new int[SIZE];
    private int count;

    int size() {
        return count;
    }

    /**
     * Offers a candidate. Returns whether it is now in the pool; a candidate already in it (the
     * same entry of the same database) is not added twice.
     */
    boolean offer(long candidateScore, int candidateDb, long candidateEntry, long candidateHash) {
        for (int i = 0; i < count; i++) {
            if (entry[i] == candidateEntry && db[i] == candidateDb) {
                return false;
            }
        }
        int k = 0;
        while (k < count && score[k] < candidateScore) {
            k++;
        }
        if (count < SIZE) {
            shift(k, k + 1, count - k); // make room at k
            count++;
        } else {
            if (k == 0) {
                return false; // no better than the worst of a full pool
            }
            k--; // drop the worst (position 0) and slide the ones below k down
            shift(1, 0, k);
        }
        score[k] = candidateScore;
        db[k] = candidateDb;
        entry[k] = candidateEntry;
        hash[k] = candidateHash;
        return true;
    }

    /** The best candidate's score; the pool must not be empty. */
    long bestScore() {
        return score[count - 1];
    }

    int bestDb() {
        return db[count - 1];
    }

    long bestEntry() {
        return entry[count - 1];
    }

    long bestHash() {
        return hash[count - 1];
    }

    /** Drops the best candidate (taken for eviction, or found to be a ghost). */
    void removeBest() {
        count--;
    }

    void clear() {
        count = 0;
    }

    private void shift(int from, int to, int length) {
        System.arraycopy(score, from, score, to, length);
        System.arraycopy(entry, from, entry, to, length);
        System.arraycopy(hash, from, hash, to, length);
        System.arraycopy(db, from, db, to, length);
    }
}
