package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kevy.server.store.EvictionPolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The eviction flags: Redis's names and defaults, any case for the policy, one clear line for a bad value. */
class EvictionOptionsTest {

    private static EvictionOptions parse(String... args) {
        return ServerOptions.parse(args, Map.of()).eviction();
    }

    private static String error(String... args) {
        return assertThrows(ServerOptions.OptionException.class, () -> ServerOptions.parse(args, Map.of())).getMessage();
    }

    @Test
    void redisDefaultsAndEveryFlag() {
        assertEquals(new EvictionOptions(EvictionPolicy.NOEVICTION, 5, 10, 10, 1), parse());
        assertEquals(new EvictionOptions(EvictionPolicy.VOLATILE_TTL, 10, 0, 0, 0), parse("--maxmemory-policy",
                "volatile-ttl", "--maxmemory-samples", "10", "--maxmemory-eviction-tenacity", "0",
                "--lfu-log-factor", "0", "--lfu-decay-time", "0"));
        assertEquals(EvictionPolicy.ALLKEYS_LFU, parse("--maxmemory-policy", "AllKeys-LFU").policy());
        for (EvictionPolicy p : EvictionPolicy.values()) {
            assertEquals(p, parse("--maxmemory-policy", p.redisName()).policy());
        }
    }

    @Test
    void aBadValueIsOneLineNamingTheFlagAndWhatItTakes() {
        assertEquals("--maxmemory-policy must be one of volatile-lru, volatile-lfu, volatile-random, volatile-ttl, "
                + "allkeys-lru, allkeys-lfu, allkeys-random, noeviction, not 'lru'", error("--maxmemory-policy", "lru"));
        assertEquals("--maxmemory-samples must be between 1 and 2147483647, not 0", error("--maxmemory-samples", "0"));
        assertEquals("--maxmemory-eviction-tenacity must be between 0 and 100, not 101",
                error("--maxmemory-eviction-tenacity", "101"));
        assertEquals("--lfu-log-factor must be a whole number, not 'ten'", error("--lfu-log-factor", "ten"));
        assertEquals("--lfu-decay-time must be between 0 and 2147483647, not -1", error("--lfu-decay-time", "-1"));
        assertEquals("--maxmemory-policy needs a value (see --help)", error("--maxmemory-policy"));
    }

    @Test
    void tenacityGivesRedissTimeLimits() {
        assertEquals(0, EvictionOptions.timeLimitNanos(0));
        assertEquals(500_000, EvictionOptions.timeLimitNanos(10), "500 µs by default");
        assertEquals((long) (500_000 * Math.pow(1.15, 10)), EvictionOptions.timeLimitNanos(20));
        assertEquals(Long.MAX_VALUE, EvictionOptions.timeLimitNanos(100), "no limit");
    }
}
