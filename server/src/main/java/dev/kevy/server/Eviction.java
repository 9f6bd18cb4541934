package dev.kevy.server;

import dev.kevy.server.store.Databases;
import dev.kevy.server.store.EvictionPolicy;
import dev.kevy.server.store.Evictor;

/**
 * When one shard evicts, and for how long: Redis's {@code performEvictions} schedule over the
 * shard's {@link Evictor}.
 *
 * <ul>
 *   <li>Before a command that may grow memory (DENYOOM), when the shard is over its budget:
 *       evict until under it, for at most the tenacity's time limit (500 µs by default, checked
 *       every 16 keys). The command is refused with -OOM only when nothing can be evicted
 *       (noeviction, or a volatile policy and no key with an expiry); one cut short by the time
 *       limit runs, as in Redis, and eviction goes on in the background.</li>
 *   <li>In the background: after a run cut short, each loop iteration runs another (Redis's
 *       eviction timer event) until the shard is under budget or out of candidates; the shard
 *       does not park meanwhile.</li>
 *   <li>At each tick, when over budget (after a lowered maxmemory, say): one run, as Redis
 *       runs one on CONFIG SET maxmemory.</li>
 * </ul>
 * Evictions are added to the shard's {@link KeyStats#evicted} (INFO's {@code evicted_keys}).
 * Shard thread only; allocates nothing.
 */
final class Eviction {

    private final Databases databases;
    private final KeyStats keyStats;
    private final Evictor evictor;
    private long timeLimitNanos = EvictionOptions.timeLimitNanos(EvictionOptions.DEFAULTS.tenacity());
    /** The last run stopped at its time limit with memory over budget and keys left to evict. */
    private boolean running;

    Eviction(Databases databases, KeyStats keyStats) {
        this.databases = databases;
        this.keyStats = keyStats;
        this.evictor = new Evictor(databases);
    }

    /** Applies the live values (the shard's settings pass): the policy, sampling, time limit, LRU or LFU mode. */
    void apply(EvictionOptions options) {
        evictor.configure(options.policy(), options.samples());
        databases.access().configure(options.policy().tracksFrequency(), options.lfuLogFactor(), options.lfuDecayTime());
        timeLimitNanos = EvictionOptions.timeLimitNanos(options.tenacity());
    }

    EvictionPolicy policy() {
        return evictor.policy();
    }

    /**
     * Before a DENYOOM command on a shard at or over {@code budget}: evicts, and returns whether
     * the command must be refused (nothing could be evicted and memory is still over).
     */
    boolean refuse(long budget, long nowMillis) {
        return run(budget, nowMillis) == Evictor.FAIL;
    }

    /** The tick's run: only when over {@code budget} (0 = no limit) and the policy evicts. */
    void onTick(long budget, long nowMillis) {
        if (budget > 0 && evictor.policy().evicts() && databases.usedMemory() >= budget) {
            run(budget, nowMillis);
        }
    }

    /** After each loop iteration: another run if the last was cut short. Returns whether one is still due. */
    boolean continueInBackground(long budget, long nowMillis) {
        if (running) {
            run(budget, nowMillis);
        }
        return running;
    }

    private int run(long budget, long nowMillis) {
        long before = evictor.evicted();
        int result = budget > 0 ? evictor.evict(budget, timeLimitNanos, nowMillis) : Evictor.OK;
        keyStats.evicted += evictor.evicted() - before;
        running = result == Evictor.RUNNING;
        return result;
    }
}
