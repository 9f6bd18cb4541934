package dev.kevy.server;

import dev.kevy.server.store.EvictionPolicy;

/**
 * The eviction settings, with Redis's names and defaults: what a shard over its share of
 * maxmemory deletes, and how hard it looks.
 *
 * @param policy       {@code maxmemory-policy} (default noeviction)
 * @param samples      {@code maxmemory-samples}: keys sampled per database per eviction round (default 5, at least 1)
 * @param tenacity     {@code maxmemory-eviction-tenacity}: 0 to 100, the time one eviction run may take (default 10: 500 µs)
 * @param lfuLogFactor {@code lfu-log-factor}: how slowly the LFU counter grows (default 10)
 * @param lfuDecayTime {@code lfu-decay-time}: minutes per decrement of an idle key's LFU counter, 0 for none (default 1)
 */
public record EvictionOptions(EvictionPolicy policy, int samples, int tenacity, int lfuLogFactor, int lfuDecayTime) {

    /** Redis 7's defaults. */
    public static final EvictionOptions DEFAULTS = new EvictionOptions(EvictionPolicy.NOEVICTION, 5, 10, 10, 1);

    EvictionOptions withPolicy(EvictionPolicy value) {
        return new EvictionOptions(value, samples, tenacity, lfuLogFactor, lfuDecayTime);
    }

    EvictionOptions withSamples(int value) {
        return new EvictionOptions(policy, value, tenacity, lfuLogFactor, lfuDecayTime);
    }

    EvictionOptions withTenacity(int value) {
        return new EvictionOptions(policy, samples, value, lfuLogFactor, lfuDecayTime);
    }

    EvictionOptions withLfuLogFactor(int value) {
        return new EvictionOptions(policy, samples, tenacity, value, lfuDecayTime);
    }

    EvictionOptions withLfuDecayTime(int value) {
        return new EvictionOptions(policy, samples, tenacity, lfuLogFactor, value);
    }

    /**
     * Redis's {@code evictionTimeLimitUs}, in nanoseconds: 50 µs per step up to 10 (so 500 µs by
     * default), then 15% more per step (about two minutes at 99), and no limit at 100.
     */
    static long timeLimitNanos(int tenacity) {
        if (tenacity <= 10) {
            return 50_000L * tenacity;
        }
        if (tenacity < 100) {
            return (long) (500_000.0 * Math.pow(1.15, tenacity - 10.0));
        }
        return Long.MAX_VALUE;
    }
}
