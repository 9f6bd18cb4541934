package dev.kevy.server.store;

import dev.kevy.rt.KeyHash;
import java.lang.foreign.MemorySegment;

import static dev.kevy.server.store.EntryLayout.EXPIRE_AT;
import static dev.kevy.server.store.EntryLayout.HEADER;
import static dev.kevy.server.store.EntryLayout.INT;
import static dev.kevy.server.store.EntryLayout.KEY_LENGTH;
import static dev.kevy.server.store.EntryLayout.LONG;
import static dev.kevy.server.store.EntryLayout.META;

/**
 * One shard's eviction: deletes keys chosen by the {@link EvictionPolicy} until the shard's
 * databases use less than a budget, as Redis's {@code performEvictions} does for the server.
 *
 * <p><b>Choosing a key.</b> The LRU, LFU and TTL policies sample {@code maxmemory-samples} keys
 * from every database that has candidates (all its keys, or its keys with an expiry), score them
 * into the shard's {@link EvictionPool}, and evict the pool's best that is still present; so the
 * choice is made across the shard's databases, as Redis makes it across its own. Samples are
 * independent uniform picks: a random occupied slot of the index (the slot after a random
 * position) or a random position of the expiry index. The random policies evict one random
 * candidate, taking the databases in turn.
 *
 * <p><b>Deleting it</b> goes through {@link Keyspace#evict}, the keyspace's normal removal, so
 * an entry's expiry-index slot and every block it owns are released.
 *
 * <p><b>Bounded work.</b> {@link #evict} stops when the budget is met, when nothing can be
 * evicted, or, checked every {@value #CHECK_EVERY} evictions, when its time limit has passed
 * (Redis's {@code maxmemory-eviction-tenacity}: 500 µs by default). One eviction costs a
 * sampling round ({@code samples} picks per database with candidates) and at most
 * {@link EvictionPool#SIZE} presence checks. Single-threaded; allocates nothing.
 */
public final class Evictor {
    /** {@link #evict}: used memory is under the budget. */
    public static final int OK = 0;
    /** {@link #evict}: the time limit passed with memory still over budget and keys left to evict. */
    public static final int RUNNING = 1;
    /** {@link #evict}: over budget and nothing the policy may evict (noeviction, or no key with an expiry). */
    public static final int FAIL = 2;

    /** Evictions between clock reads, as in Redis. */
    static final int CHECK_EVERY = 16;

    private final Databases databases;
    private final EvictionPool pool = new EvictionPool();
    private EvictionPolicy policy = EvictionPolicy.NOEVICTION;
    private int samples = 5;
    private long randomState;
    private int nextDb;
    private long evicted;

    /** An evictor for one shard's databases, with policy noeviction until {@link #configure}d. */
    public Evictor(Databases databases) {
        this(databases, System.nanoTime());
    }

    /** As above with a fixed seed for the sampling (tests). */
    Evictor(Databases databases, long seed) {
        this.databases = databases;
        this.randomState = seed;
    }

    /** Sets the policy and the keys sampled per database per round ({@code maxmemory-samples}, at least 1). */
    public void configure(EvictionPolicy newPolicy, int newSamples) {
        if (newPolicy != policy) {
            pool.clear(); // another policy's scores mean something else
        }
        this.policy = newPolicy;
        this.samples = Math.max(1, newSamples);
    }

    /** The policy last {@link #configure}d. */
    public EvictionPolicy policy() {
        return policy;
    }

    /** Keys evicted since this evictor was made (INFO's {@code evicted_keys} counts deltas of it). */
    public long evicted() {
        return evicted;
    }

    /**
     * Evicts until the databases use less than {@code budget} bytes, or nothing more can be
     * evicted, or {@code timeLimitNanos} has passed (checked every {@value #CHECK_EVERY} keys).
     *
     * @return {@link #OK}, {@link #RUNNING} or {@link #FAIL}
     */
    public int evict(long budget, long timeLimitNanos, long nowMillis) {
        if (databases.usedMemory() < budget) {
            return OK;
        }
        if (!policy.evicts()) {
            return FAIL;
        }
        long start = System.nanoTime();
        int freed = 0;
        do {
            if (!evictOne(nowMillis)) {
                return FAIL;
            }
            freed++;
            if (freed % CHECK_EVERY == 0 && System.nanoTime() - start > timeLimitNanos) {
                return databases.usedMemory() < budget ? OK : RUNNING;
            }
        } while (databases.usedMemory() >= budget);
        return OK;
    }

    /** Evicts one key the policy picks; false when there is none to pick. */
    boolean evictOne(long nowMillis) {
        boolean done = policy.pick == EvictionPolicy.Pick.RANDOM ? evictRandom() : evictBestOfPool(nowMillis);
        if (done) {
            evicted++;
        }
        return done;
    }

    /**
     * Samples every database with candidates into the pool, then evicts the best candidate still
     * present. A round whose pool holds only ghosts samples again; each round adds live samples,
     * so it ends as long as any database has a candidate.
     */
    private boolean evictBestOfPool(long nowMillis) {
        boolean onlyVolatile = !policy.allKeys();
        while (true) {
            long candidates = 0;
            int used = databases.used();
            for (int db = 0; db < used; db++) {
                Keyspace keyspace = databases.peek(db);
                int keys = keyspace == null ? 0 : onlyVolatile ? keyspace.expiresCount() : keyspace.size();
                if (keys > 0) {
                    populate(db, keyspace, nowMillis);
                    candidates += keys;
                }
            }
            if (candidates == 0) {
                return false;
            }
            while (pool.size() > 0) {
                int db = pool.bestDb();
                long entry = pool.bestEntry();
                long hash = pool.bestHash();
                pool.removeBest();
                Keyspace keyspace = databases.peek(db);
                if (keyspace != null && keyspace.evict(hash, entry, onlyVolatile)) {
                    return true;
                }
            }
        }
    }

    /** Redis's {@code evictionPoolPopulate}: {@link #samples} random candidates of one database, scored into the pool. */
    private void populate(int db, Keyspace keyspace, long nowMillis) {
        Entries entries = keyspace.entries;
        for (int i = 0; i < samples; i++) {
            long entry;
            long hash;
            if (policy.allKeys()) {
                long ref = entries.dict.randomRef(nextRandom());
                entry = entries.dict.entry(ref);
                hash = entries.dict.hash(ref);
            } else {
                entry = entries.expiries.get(randomBelow(entries.expiries.size()));
                hash = hashOf(entries.memory, entry);
            }
            pool.offer(score(entries.memory, entry, nowMillis, entries.access), db, entry, hash);
        }
    }

    /**
     * How good a candidate is, higher is evicted first: idle seconds (LRU), 255 minus the decayed
     * LFU counter (LFU), or {@code Long.MAX_VALUE} minus the expiry time (TTL: soonest first).
     */
    private long score(BlockAllocator memory, long entry, long nowMillis, AccessTracker access) {
        MemorySegment s = memory.segment(entry);
        long base = BlockAllocator.offset(entry);
        return switch (policy.pick) {
            case LRU -> (EntryLayout.lruClock(nowMillis) - (s.get(INT, base + META) >>> 8)) & EntryLayout.LRU_MASK;
            case LFU -> Lfu.MAX - Lfu.decayed(s.get(INT, base + META) >>> 8, nowMillis, access.decayTime());
            case TTL -> Long.MAX_VALUE - s.get(LONG, base + EXPIRE_AT);
            case NONE, RANDOM -> 0;
        };
    }

    /** allkeys-random and volatile-random: a random candidate of the next database that has one. */
    private boolean evictRandom() {
        int used = databases.used();
        for (int i = 0; i < used; i++) {
            nextDb = nextDb + 1 < used ? nextDb + 1 : 0;
            Keyspace keyspace = databases.peek(nextDb);
            if (keyspace == null) {
                continue;
            }
            Entries entries = keyspace.entries;
            if (policy.allKeys() && keyspace.size() > 0) {
                long ref = entries.dict.randomRef(nextRandom());
                return keyspace.evict(entries.dict.hash(ref), entries.dict.entry(ref), false);
            }
            if (!policy.allKeys() && keyspace.expiresCount() > 0) {
                long entry = entries.expiries.get(randomBelow(entries.expiries.size()));
                return keyspace.evict(hashOf(entries.memory, entry), entry, true);
            }
        }
        return false;
    }

    private static long hashOf(BlockAllocator memory, long entry) {
        MemorySegment s = memory.segment(entry);
        long base = BlockAllocator.offset(entry);
        return KeyHash.hash(s, base + HEADER, s.get(INT, base + KEY_LENGTH));
    }

    private int randomBelow(int bound) {
        return (int) ((nextRandom() >>> 32) * bound >>> 32);
    }

    /** SplitMix64, as the keyspace's sampling; not for anything secret. */
    private long nextRandom() {
        long z = (randomState += 0x9E37_79B9_7F4A_7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
