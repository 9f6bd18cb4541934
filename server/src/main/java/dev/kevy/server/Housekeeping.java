package dev.kevy.server;

import dev.kevy.io.ShardContext;
import dev.kevy.rt.idle.IdlePolicy;
import dev.kevy.server.store.Keyspace;

/**
 * One shard's tick: active expiry and incremental rehash within a time budget, and the live
 * settings, re-read when their version changed.
 *
 * <p>Active expiry follows Redis's adaptive cycle: sample 20 keys that have a TTL, delete the
 * expired ones, and repeat while more than a quarter of a sample had expired and the budget
 * (3 ms per ~100 ms tick, so at most 3% of the shard; Redis allows itself 25%) lasts. A deletion
 * costs about a microsecond, so a shard removes some 30,000 keys a second when they expire in
 * bulk: a million keys expiring at once go over many ticks (lazily, on access, in the meantime)
 * and never stall the shard for more than the budget.
 */
final class Housekeeping {

    private static final int SAMPLE = 20;
    private static final long BUDGET_NANOS = 3_000_000;

    private final ShardContext context;
    private final LiveSettings settings;
    private final Keyspace keyspace;
    private final KeyStats keyStats;
    private long appliedVersion = -1;
    private long slowlogThresholdMicros;
    private long memoryBudget;

    Housekeeping(ShardContext context, LiveSettings settings, Keyspace keyspace, KeyStats keyStats) {
        this.context = context;
        this.settings = settings;
        this.keyspace = keyspace;
        this.keyStats = keyStats;
        applySettings();
    }

    long slowlogThresholdMicros() {
        return slowlogThresholdMicros;
    }

    /**
     * Whether a write must be refused: this shard is over its share of maxmemory. Before refusing,
     * a CONFIG SET not yet applied is applied (a volatile read on the refusal path only), so a
     * raised or removed limit takes effect at once; a lowered one at the next tick.
     */
    boolean overMemory() {
        if (memoryBudget == 0 || keyspace.usedMemory() < memoryBudget) {
            return false;
        }
        if (settings.version() != appliedVersion) {
            applySettings();
        }
        return memoryBudget > 0 && keyspace.usedMemory() >= memoryBudget;
    }

    void tick(long nowMillis) {
        if (settings.version() != appliedVersion) {
            applySettings();
        }
        long deadline = System.nanoTime() + BUDGET_NANOS;
        while (true) {
            int expired = keyspace.expireSome(nowMillis, SAMPLE);
            keyStats.expired += expired;
            if (expired <= SAMPLE / 4 || System.nanoTime() >= deadline) {
                break;
            }
        }
        while (keyspace.isRehashing() && System.nanoTime() < deadline) {
            keyspace.rehash(1024);
        }
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
        IdlePolicy current = context.idlePolicy();
        IdlePolicy wanted = current == null ? null : new IdlePolicy(settings.spinLimit(), current.yieldLimit(),
                settings.parkTimeoutMs() * 1_000_000L,
                Math.max(current.tickIntervalNanos(), settings.parkTimeoutMs() * 1_000_000L), current.tickCheckEvery());
        context.applyLimits(settings.maxClients(), wanted);
    }
}
