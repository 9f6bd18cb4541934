package dev.kevy.server;

import dev.kevy.io.ShardContext;
import dev.kevy.rt.idle.IdlePolicy;
import dev.kevy.server.store.Databases;
import dev.kevy.server.store.Keyspace;

/**
 * One shard's housekeeping: active expiry, incremental rehash, eviction over maxmemory
 * ({@link Eviction}), and the live settings, re-read when their version changed.
 *
 * <p>Active expiry follows Redis 7's adaptive cycle, with the work cut into short slices instead
 * of Redis's one long slow cycle per tick (which stalls every client for up to 25 ms):
 * <ul>
 *   <li>Each tick (~100 ms) samples 20 keys that have a TTL, deletes the expired ones, and repeats
 *       while more than 10% of a sample had expired, for at most {@link #TICK_BUDGET_NANOS}.</li>
 *   <li>If it stopped with the stale fraction still high, the shard is <em>behind</em>: after
 *       each loop iteration it runs one more slice. While the shard has clients to serve, a slice
 *       lasts {@link #BUSY_SHARE_PERCENT}% of the time since the previous one (Redis's slow-cycle
 *       share; at most {@link #MAX_BUSY_SLICE_NANOS}); when the iteration found nothing to do
 *       (where Redis runs its fast cycle before sleeping) it lasts {@link #IDLE_SLICE_NANOS} and
 *       the shard goes on with the next one instead of parking. It stops being behind at the
 *       first sample with at most 10% stale.</li>
 *   <li>A shard that is not behind takes one more sample every {@link #CHECK_INTERVAL_MILLIS}
 *       between ticks, so a burst of expiries is noticed within 10 ms, not at the next tick
 *       (where Redis waits for its next cycle, and holds several times more dead keys).</li>
 * </ul>
 * So a sustained short-TTL load is reclaimed as fast as it expires (a deletion costs about a
 * microsecond: a quarter of a shard deletes some 250,000 keys a second), a mass expiry clears at
 * full speed as soon as the shard is idle, and no client waits more than one slice (a quarter of
 * an iteration, at most a millisecond) for it.
 */
final class Housekeeping {

    private static final int SAMPLE = 20;
    /** Redis 7's {@code ACTIVE_EXPIRE_CYCLE_ACCEPTABLE_STALE}: go on while more than 10% expired. */
    private static final int ACCEPTABLE_STALE = SAMPLE / 10;
    static final long TICK_BUDGET_NANOS = 3_000_000;
    static final long IDLE_SLICE_NANOS = 250_000;
    static final long MAX_BUSY_SLICE_NANOS = 1_000_000;
    static final long MIN_SLICE_NANOS = 20_000;
    static final int BUSY_SHARE_PERCENT = 25;
    /**
     * How often the keyspace gives back memory it has not used since the previous trim (so after
     * 5 to 10 s of lower use, like jemalloc's 10 s decay): pages given back fault in again when
     * reused, so trimming every tick would make a bursty load pay page faults.
     */
    static final long TRIM_INTERVAL_MILLIS = 5_000;
    /** How often a shard that is not behind samples again between ticks (one sample, a few µs). */
    static final long CHECK_INTERVAL_MILLIS = 10;

    private final ShardContext context;
    private final LiveSettings settings;
    private final Databases databases;
    private final KeyStats keyStats;
    private final Eviction eviction;
    /** The database the next expiry pass starts with: passes take turns, so none starves the others. */
    private int nextDb;
    private long appliedVersion = -1;
    private long slowlogThresholdMicros;
    private long memoryBudget;
    /** The last expiry pass stopped while many sampled keys were stale. */
    private boolean behind;
    /** When the last slice (or tick pass) ended: a busy shard's next slice is a share of the time since. */
    private long lastSliceEnd = System.nanoTime();
    private long lastTrimMillis;
    /** When a shard that is not behind next takes a look (the loop's clock, read anyway). */
    private long nextLookMillis;

    Housekeeping(ShardContext context, LiveSettings settings, Databases databases, KeyStats keyStats) {
        this.context = context;
        this.settings = settings;
        this.databases = databases;
        this.keyStats = keyStats;
        this.eviction = new Eviction(databases, keyStats);
        applySettings();
    }

    long slowlogThresholdMicros() {
        return slowlogThresholdMicros;
    }

    /**
     * Whether a write must be refused: this shard is over its share of maxmemory and its
     * {@link Eviction} could not make room. Before evicting, a CONFIG SET not yet applied is
     * applied (a volatile read on the over-memory path only), so a raised or removed limit or a
     * new policy takes effect at once; a lowered limit at the next tick.
     */
    boolean overMemory() {
        if (memoryBudget == 0 || databases.usedMemory() < memoryBudget) {
            return false;
        }
        refreshSettings();
        return memoryBudget > 0 && eviction.refuse(memoryBudget, context.nowMillis());
    }

    /** Applies a CONFIG SET this shard has not applied yet (OBJECT FREQ and IDLETIME answer by the current policy). */
    void refreshSettings() {
        if (settings.version() != appliedVersion) {
            applySettings();
        }
    }

    /** Whether entries record LFU data under the policy this shard applies (after {@link #refreshSettings}). */
    boolean tracksFrequency() {
        return databases.access().tracksFrequency();
    }

    void tick(long nowMillis) {
        if (settings.version() != appliedVersion) {
            applySettings();
        }
        long start = System.nanoTime();
        long deadline = start + TICK_BUDGET_NANOS;
        behind = expireUntil(nowMillis, deadline);
        lastSliceEnd = System.nanoTime();
        while (databases.isRehashing() && System.nanoTime() < deadline) {
            databases.rehash(1024);
        }
        eviction.onTick(memoryBudget, nowMillis);
        if (nowMillis - lastTrimMillis >= TRIM_INTERVAL_MILLIS) {
            lastTrimMillis = nowMillis;
            databases.trimMemory(); // memory unused for a whole trim interval goes back to the OS
        }
    }

    /**
     * Called after every loop iteration: one slice of active expiry when the last pass was behind
     * (or a look every {@link #CHECK_INTERVAL_MILLIS} when it was not); a busy shard ({@code idle}
     * false) spends at most its share. Before it, an eviction run if the last one was cut short
     * by its time limit. Returns whether either is still behind (the shard then does not park:
     * its idle iterations go on deleting).
     */
    boolean expireSlice(long nowMillis, boolean idle) {
        return eviction.continueInBackground(memoryBudget, nowMillis) | expiryStep(nowMillis, idle);
    }

    private boolean expiryStep(long nowMillis, boolean idle) {
        if (!behind) {
            if (nowMillis < nextLookMillis) {
                return false; // the common case, on every iteration: no clock read of its own
            }
            nextLookMillis = nowMillis + CHECK_INTERVAL_MILLIS;
            behind = true; // time for another look: the first sample decides
        }
        long start = System.nanoTime();
        // A busy shard earns a quarter of the time since its last slice (so a long iteration earns
        // a long slice); an idle one has the time anyway.
        long slice = idle ? IDLE_SLICE_NANOS
                : Math.min(MAX_BUSY_SLICE_NANOS, (start - lastSliceEnd) * BUSY_SHARE_PERCENT / 100);
        if (slice >= MIN_SLICE_NANOS) {
            behind = expireUntil(nowMillis, start + slice);
            lastSliceEnd = System.nanoTime();
        }
        return behind;
    }

    /**
     * In each database that has keys with a TTL, from {@link #nextDb} round: samples and deletes
     * until a sample is mostly live or the deadline. Returns whether it was cut short.
     */
    private boolean expireUntil(long nowMillis, long deadline) {
        int count = databases.used();
        for (int turn = 0; turn < count; turn++) {
            int db = nextDb < count ? nextDb : 0;
            nextDb = db + 1 == count ? 0 : db + 1;
            Keyspace keyspace = databases.peek(db);
            if (keyspace == null || keyspace.expiresCount() == 0) {
                continue;
            }
            while (true) {
                int expired = keyspace.expireSome(nowMillis, SAMPLE);
                keyStats.expired += expired;
                if (expired <= ACCEPTABLE_STALE) {
                    break;
                }
                if (System.nanoTime() >= deadline) {
                    nextDb = db; // this database is behind: the next slice starts with it
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Memory is budgeted per shard (maxmemory / shards), like the client limit: shards share no
     * counter, so each enforces its share exactly and at no cost (see docs/SERVER.md).
     */
    private void applySettings() {
        appliedVersion = settings.version();
        slowlogThresholdMicros = settings.slowlogSlowerThanMicros();
        long max = settings.maxMemory();
        memoryBudget = max == 0 ? 0 : Math.max(1, max / context.shards());
        eviction.apply(settings.eviction());
        IdlePolicy current = context.idlePolicy();
        IdlePolicy wanted = current == null ? null : new IdlePolicy(settings.spinLimit(), current.yieldLimit(),
                settings.parkTimeoutMs() * 1_000_000L,
                Math.max(current.tickIntervalNanos(), settings.parkTimeoutMs() * 1_000_000L), current.tickCheckEvery());
        context.applyLimits(settings.maxClients(), wanted);
    }
}
