package dev.kevy.server.compat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The eviction settings and OBJECT IDLETIME / FREQ against Redis 7: CONFIG GET and SET of
 * maxmemory-policy, maxmemory-samples, maxmemory-eviction-tenacity, lfu-log-factor and
 * lfu-decay-time with good and bad values, and the replies of OBJECT that do not depend on the
 * clock or a random draw. Keys are spread over kevy's three shards. (Small integers are left out:
 * Redis shares one object among every key holding the same small integer when maxmemory is 0,
 * so its OBJECT FREQ counts the accesses of all of them.)
 *
 * <p>A shard applies a CONFIG SET at its next tick, or at once when it runs OBJECT; so a key is
 * asked about (OBJECT FREQ, nil while absent) before it is written under a new policy.
 */
class EvictionCompatTest extends DifferentialBase {

    private static final String[] SETTINGS = {"maxmemory-policy", "maxmemory-samples", "maxmemory-eviction-tenacity",
        "lfu-log-factor", "lfu-decay-time"};

    @AfterEach
    void restoreDefaults() {
        try (Differ d = differ()) {
            d.same("CONFIG", "SET", "maxmemory-policy", "noeviction", "maxmemory-samples", "5",
                    "maxmemory-eviction-tenacity", "10", "lfu-log-factor", "10", "lfu-decay-time", "1");
            d.assertSame();
        }
    }

    @Test
    void evictionSettingsGetAndSetAsRedis() {
        try (Differ d = differ()) {
            for (String name : SETTINGS) {
                d.same("CONFIG", "GET", name);
            }
            d.sortedPairs("CONFIG", "GET", "lfu-*");
            for (String policy : new String[] {"allkeys-lru", "volatile-lru", "allkeys-lfu", "volatile-lfu",
                "allkeys-random", "volatile-random", "volatile-ttl", "noeviction", "ALLKEYS-LRU", "Volatile-Ttl"}) {
                d.same("CONFIG", "SET", "maxmemory-policy", policy);
                d.same("CONFIG", "GET", "maxmemory-policy");
            }
            for (String bad : new String[] {"lru", "", "allkeys-lru ", "allkeys_lru", "noeviction,allkeys-lru"}) {
                d.same("CONFIG", "SET", "maxmemory-policy", bad);
            }
            for (String name : new String[] {"maxmemory-samples", "lfu-log-factor", "lfu-decay-time",
                "maxmemory-eviction-tenacity"}) {
                for (String v : new String[] {"0", "1", "7", "100", "101", "-1", "2147483647", "2147483648", "abc",
                    "1.5", " 3", "", "010"}) {
                    d.same("CONFIG", "SET", name, v);
                    d.same("CONFIG", "GET", name);
                }
            }
            d.same("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu", "lfu-log-factor", "x");
            d.same("CONFIG", "GET", "maxmemory-policy");
            d.same("CONFIG", "SET", "maxmemory-policy", "volatile-ttl", "maxmemory-samples", "9");
            d.sortedPairs("CONFIG", "GET", "maxmemory-policy", "maxmemory-samples");
            d.same("CONFIG", "SET", "lfu-decay-time", "3", "LFU-DECAY-TIME", "4");
            d.assertSame();
        }
    }

    @Test
    void objectFreqAndIdletimeErrorsAndCountsAsRedis() {
        String a = onShard(0, "a");
        String b = onShard(1, "b");
        String c = onShard(2, "c");
        try (Differ d = differ()) {
            d.same("CONFIG", "SET", "maxmemory-policy", "allkeys-lru");
            for (String key : new String[] {a, b, c}) {
                d.same("OBJECT", "FREQ", key);
                d.same("SET", key, "v");
                d.same("OBJECT", "FREQ", key);
                d.near(1, "OBJECT", "IDLETIME", key);
                d.same("OBJECT", "IDLETIME", key + "-missing");
                d.same("OBJECT", "FREQ", key + "-missing");
            }
            d.same("OBJECT");
            d.same("OBJECT", "FREQ");
            d.same("OBJECT", "IDLETIME");
            d.same("OBJECT", "FREQ", a, b);
            d.same("OBJECT", "IDLETIME", a, "x");
            d.same("OBJECT", "NOSUCH", a);
            d.same("OBJECT", "NOSUCH");
            d.same("object", "freq", a);

            // Factor 0: every access counts, so the counters do not depend on a random draw; no decay.
            d.same("CONFIG", "SET", "maxmemory-policy", "volatile-lfu", "lfu-decay-time", "0", "lfu-log-factor", "0");
            String[] fresh = {onShard(0, "fa"), onShard(1, "fb"), onShard(2, "fc")};
            for (String key : fresh) {
                d.same("OBJECT", "FREQ", key); // nil; the key's shard applies the new policy now
                d.same("SET", key, "v");
                d.same("OBJECT", "FREQ", key); // LFU_INIT_VAL
                d.same("OBJECT", "IDLETIME", key);
                d.same("GET", key);
                d.same("GET", key);
                d.same("OBJECT", "FREQ", key);
                d.same("OBJECT", "IDLETIME", key + "-missing");
                d.same("SET", key, "w");
                d.same("OBJECT", "FREQ", key); // an overwrite reads the key first: counted once, and kept
                d.same("APPEND", key, "x");
                d.same("TOUCH", key, key + "-missing");
                d.same("OBJECT", "FREQ", key);
            }
            d.same("EXISTS", fresh[0]);
            d.same("TYPE", fresh[0]);
            d.same("TTL", fresh[0]);
            d.same("OBJECT", "FREQ", fresh[0]); // those looked without touching

            d.same("CONFIG", "SET", "maxmemory-policy", "allkeys-random");
            for (String key : fresh) {
                d.same("OBJECT", "FREQ", key);
            }
            d.same("INFO", "nosuchsection");
            d.assertSame();
        }
    }
}
