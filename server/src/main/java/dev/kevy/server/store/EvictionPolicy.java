package dev.kevy.server.store;

import java.util.Locale;

/**
 * Redis's {@code maxmemory-policy} values: what a shard over its memory budget deletes to make
 * room, if anything. Each is a pair of choices: which keys are candidates (all keys, or only keys
 * with an expiry: the {@code volatile-*} policies) and how one is picked (least recently used,
 * least frequently used, soonest to expire, or at random).
 */
public enum EvictionPolicy {
    /** Evict nothing: writes that may grow memory get {@code -OOM}. */
    NOEVICTION("noeviction", false, Pick.NONE),
    ALLKEYS_LRU("allkeys-lru", true, Pick.LRU),
    VOLATILE_LRU("volatile-lru", false, Pick.LRU),
    ALLKEYS_LFU("allkeys-lfu", true, Pick.LFU),
    VOLATILE_LFU("volatile-lfu", false, Pick.LFU),
    ALLKEYS_RANDOM("allkeys-random", true, Pick.RANDOM),
    VOLATILE_RANDOM("volatile-random", false, Pick.RANDOM),
    /** The key with an expiry that comes soonest. */
    VOLATILE_TTL("volatile-ttl", false, Pick.TTL);

    /** How a policy chooses among its candidates. */
    enum Pick { NONE, LRU, LFU, RANDOM, TTL }

    /** Redis's list of accepted values, in the order its CONFIG SET error names them. */
    public static final String ACCEPTED = "volatile-lru, volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, "
            + "allkeys-lfu, allkeys-random, noeviction";

    private final String redisName;
    private final boolean allKeys;
    final Pick pick;

    EvictionPolicy(String redisName, boolean allKeys, Pick pick) {
        this.redisName = redisName;
        this.allKeys = allKeys;
        this.pick = pick;
    }

    /** The name CONFIG GET and INFO report, as Redis spells it. */
    public String redisName() {
        return redisName;
    }

    /** Whether every key is a candidate; otherwise only keys with an expiry are. */
    public boolean allKeys() {
        return allKeys;
    }

    /** Whether the entries' access bits hold LFU data (a counter and its decay time) rather than the LRU clock. */
    public boolean tracksFrequency() {
        return pick == Pick.LFU;
    }

    /** Whether the policy ever deletes anything. */
    public boolean evicts() {
        return pick != Pick.NONE;
    }

    /** The policy named {@code name} (any case, as Redis accepts it), or {@code null}. */
    public static EvictionPolicy parse(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (EvictionPolicy p : values()) {
            if (p.redisName.equals(lower)) {
                return p;
            }
        }
        return null;
    }
}
