package dev.kevy.server.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.server.compat.Kevy;
import dev.kevy.server.compat.Wire;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * maxmemory-policy on a live one-shard kevy (so the shard's budget is maxmemory itself), filled
 * well past a 2 MB limit with keys of one block size (8-byte keys and 990-byte values: 1 KiB
 * blocks). Checks what Redis promises for each policy: noeviction refuses; the allkeys policies
 * stay under the limit, evicting only as much as needed; the volatile policies evict only keys
 * with an expiry and refuse once none is left; volatile-ttl takes the soonest expiries first;
 * allkeys-lru keeps keys read between the writes and allkeys-lfu keys read often.
 */
class EvictionTest {

    private static final String LIMIT = "2mb";
    private static final long LIMIT_BYTES = 2L << 20;
    private static final long BLOCK = 1024;
    private static final String VALUE = "v".repeat(990);
    private static final String OOM = "-OOM command not allowed when used memory > 'maxmemory'.\r\n";

    private static String key(String prefix, int i) {
        return String.format("%s:%06d", prefix, i);
    }

    /** Sets the policy and the limit; OBJECT makes the shard apply them now rather than at its next tick. */
    private static void configure(Wire c, String policy) {
        assertEquals("+OK\r\n", c.callText("FLUSHALL"));
        assertEquals("+OK\r\n", c.callText("CONFIG", "RESETSTAT"));
        assertEquals("+OK\r\n", c.callText("CONFIG", "SET", "maxmemory-policy", policy, "maxmemory", LIMIT));
        assertEquals("$-1\r\n", c.callText("OBJECT", "FREQ", "nothing"));
    }

    /** SET prefix:i for i in [from, to), pipelined, with {@code extra} arguments (EX n); every reply must be OK. */
    private static void write(Wire c, String prefix, int from, int to, String... extra) {
        for (int start = from; start < to; start += 100) {
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            int end = Math.min(to, start + 100);
            for (int i = start; i < end; i++) {
                List<String> args = new ArrayList<>(List.of("SET", key(prefix, i), VALUE));
                args.addAll(List.of(extra));
                batch.writeBytes(Wire.encode(args.toArray(String[]::new)));
            }
            c.send(batch.toByteArray());
            for (int i = start; i < end; i++) {
                assertEquals("+OK\r\n", Wire.text(c.reply()), "SET " + key(prefix, i));
            }
        }
    }

    /** How many of prefix:0 .. prefix:count-1 exist (EXISTS does not count as an access). */
    private static long existing(Wire c, String prefix, int count) {
        String[] args = new String[count + 1];
        args[0] = "EXISTS";
        for (int i = 0; i < count; i++) {
            args[i + 1] = key(prefix, i);
        }
        return Long.parseLong(c.callText(args).substring(1).trim());
    }

    /**
     * Waits until the shard is under its budget. A write may leave it just over (eviction runs
     * before the write), and its next tick then evicts once more; counts compared after that stay put.
     */
    private static void settle(Wire c) {
        Kevy.awaitValue("used_memory under the limit", () ->
                MaxClientsTest.infoField(c, "used_memory") < LIMIT_BYTES ? 1 : 0, 1);
    }

    private static long dbsize(Wire c) {
        return Long.parseLong(c.callText("DBSIZE").substring(1).trim());
    }

    /** {@code expires=} of database 0 in INFO keyspace (0 when the database is empty). */
    private static long expires(Wire c) {
        String info = c.callText("INFO", "keyspace");
        int at = info.indexOf("db0:");
        return at < 0 ? 0 : Long.parseLong(info.substring(info.indexOf("expires=", at) + 8, info.indexOf(',', info.indexOf("expires=", at))));
    }

    @Test
    void allKeysPoliciesStayUnderTheLimitEvictingOnlyWhatIsNeeded() {
        try (Kevy kevy = Kevy.start(1); Wire c = new Wire(kevy.port())) {
            for (String policy : new String[] {"allkeys-lru", "allkeys-lfu", "allkeys-random"}) {
                configure(c, policy);
                write(c, "a", 0, 6000); // three times the limit: every SET is accepted
                // One more write that does not grow memory: it evicts first, so the figure after it is the bound.
                write(c, "a", 5999, 6000);
                long used = MaxClientsTest.infoField(c, "used_memory");
                assertTrue(used < LIMIT_BYTES && used >= LIMIT_BYTES - BLOCK,
                        policy + ": eviction stops within one block under the limit, used_memory " + used);
                long keys = dbsize(c);
                assertEquals(6000 - keys, MaxClientsTest.infoField(c, "evicted_keys"), policy + ": evicted_keys");
                assertEquals("$990\r\n" + VALUE + "\r\n", c.callText("GET", key("a", 5999)), policy);
                assertTrue(c.callText("INFO", "memory").contains("maxmemory_policy:" + policy + "\r\n"));
                System.out.println(policy + ": 6000 SETs of 1 KiB under maxmemory 2mb kept " + keys + " keys, used_memory "
                        + used);
            }
        }
    }

    @Test
    void volatilePoliciesEvictOnlyKeysWithAnExpiryThenRefuse() {
        try (Kevy kevy = Kevy.start(1); Wire c = new Wire(kevy.port())) {
            for (String policy : new String[] {"volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl"}) {
                configure(c, policy);
                write(c, "p", 0, 500);
                write(c, "v", 0, 3000, "EX", "100000");
                settle(c);
                assertEquals(500, existing(c, "p", 500), policy + ": every key without an expiry stays");
                long keys = dbsize(c);
                assertEquals(keys - 500, expires(c));
                assertEquals(3500 - keys, MaxClientsTest.infoField(c, "evicted_keys"), policy);
                int written = 0;
                String reply;
                while ((reply = c.callText("SET", key("q", written), VALUE)).equals("+OK\r\n")) {
                    written++;
                    assertTrue(written <= 2000, policy + ": never refused");
                }
                assertEquals(OOM, reply, policy + ": refused once no key with an expiry is left");
                assertEquals(0, expires(c), policy);
                assertEquals(500, existing(c, "p", 500), policy);
                assertEquals(written, existing(c, "q", written), policy);
            }
        }
    }

    /**
     * volatile-ttl takes the soonest expiries first, from samples kept in Redis's 16-entry pool, so
     * it is an approximation as in Redis: when a few samples in a row hold only later keys, one of
     * them can go (seen once in CI: 1 of 300). The bound: later keys go at most 1 for every 50
     * sooner ones.
     */
    @Test
    void volatileTtlEvictsTheSoonestExpiriesFirst() {
        try (Kevy kevy = Kevy.start(1); Wire c = new Wire(kevy.port())) {
            configure(c, "volatile-ttl");
            for (int i = 0; i < 300; i++) {
                write(c, "s", 3 * i, 3 * i + 3, "EX", "10000");
                write(c, "l", i, i + 1, "EX", "1000000");
            }
            write(c, "p", 0, 1000);
            settle(c);
            long soon = existing(c, "s", 900);
            assertTrue(soon < 900, "something was evicted");
            long laterGone = 300 - existing(c, "l", 300);
            assertTrue(laterGone * 50 <= 900 - soon, laterGone + " keys expiring later went, against "
                    + (900 - soon) + " expiring sooner");
            assertEquals(1000, existing(c, "p", 1000));
            assertEquals(900 - soon + laterGone, MaxClientsTest.infoField(c, "evicted_keys"));
        }
    }

    @Test
    void allKeysLruKeepsKeysReadBetweenTheWrites() {
        try (Kevy kevy = Kevy.start(1); Wire c = new Wire(kevy.port())) {
            configure(c, "allkeys-lru");
            write(c, "h", 0, 10);
            write(c, "c", 0, 1600);
            // The LRU clock counts seconds: wait until the cold keys are two seconds idle.
            Kevy.awaitValue("idle seconds of the last cold key", () -> Math.min(2,
                    Long.parseLong(c.callText("OBJECT", "IDLETIME", key("c", 1599)).substring(1).trim())), 2);
            for (int batch = 0; batch < 40; batch++) {
                for (int h = 0; h < 10; h++) {
                    assertEquals("$990\r\n" + VALUE + "\r\n", c.callText("GET", key("h", h)));
                }
                write(c, "n", batch * 20, batch * 20 + 20);
            }
            settle(c);
            long cold = existing(c, "c", 1600);
            assertTrue(cold < 1600, "something was evicted");
            assertEquals(10, existing(c, "h", 10), "every key read between the writes stays");
            assertEquals(800, existing(c, "n", 800), "every key written after the cold ones stays");
            assertEquals(1600 - cold, MaxClientsTest.infoField(c, "evicted_keys"));
        }
    }

    @Test
    void allKeysLfuKeepsFrequentlyReadKeys() {
        try (Kevy kevy = Kevy.start(1); Wire c = new Wire(kevy.port())) {
            configure(c, "allkeys-lfu");
            assertEquals("+OK\r\n", c.callText("CONFIG", "SET", "lfu-decay-time", "0"));
            assertEquals("$-1\r\n", c.callText("OBJECT", "FREQ", "nothing")); // applied now
            write(c, "h", 0, 10);
            for (int h = 0; h < 10; h++) {
                ByteArrayOutputStream reads = new ByteArrayOutputStream();
                for (int r = 0; r < 300; r++) {
                    reads.writeBytes(Wire.encode("GET", key("h", h)));
                }
                c.send(reads.toByteArray());
                for (int r = 0; r < 300; r++) {
                    c.reply();
                }
                long freq = Long.parseLong(c.callText("OBJECT", "FREQ", key("h", h)).substring(1).trim());
                assertTrue(freq > 5, "300 reads raise the counter above LFU_INIT_VAL: " + freq);
            }
            write(c, "c", 0, 3000);
            settle(c);
            assertEquals(":5\r\n", c.callText("OBJECT", "FREQ", key("c", 2999)), "a new key starts at 5");
            assertEquals(10, existing(c, "h", 10), "every frequently read key stays");
            assertEquals(3000 - existing(c, "c", 3000), MaxClientsTest.infoField(c, "evicted_keys"));
        }
    }

    @Test
    void aLoweredLimitEvictsAtTheNextTickWithoutAnyWrite() {
        try (Kevy kevy = Kevy.start(1); Wire c = new Wire(kevy.port())) {
            assertEquals("+OK\r\n", c.callText("CONFIG", "SET", "maxmemory-policy", "allkeys-random"));
            write(c, "a", 0, 3000);
            assertTrue(MaxClientsTest.infoField(c, "used_memory") > LIMIT_BYTES);
            assertEquals("+OK\r\n", c.callText("CONFIG", "SET", "maxmemory", LIMIT));
            Kevy.awaitValue("used_memory under the lowered limit", () ->
                    MaxClientsTest.infoField(c, "used_memory") < LIMIT_BYTES ? 1 : 0, 1);
            assertEquals(3000 - dbsize(c), MaxClientsTest.infoField(c, "evicted_keys"));
        }
    }

    @Test
    void noevictionRefusesAndReportsItsPolicy() {
        try (Kevy kevy = Kevy.start(1); Wire c = new Wire(kevy.port())) {
            configure(c, "noeviction");
            int written = 0;
            while (c.callText("SET", key("a", written), VALUE).equals("+OK\r\n")) {
                written++;
                assertTrue(written <= 2048, "never refused");
            }
            assertEquals(written, dbsize(c));
            assertEquals(0, MaxClientsTest.infoField(c, "evicted_keys"));
            assertTrue(c.callText("INFO", "memory").contains("maxmemory_policy:noeviction\r\n"));
        }
    }
}
