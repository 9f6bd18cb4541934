package dev.kevy.server.rdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kevy.server.compat.RedisProcess;
import dev.kevy.server.compat.Wire;
import dev.kevy.server.store.Keyspace;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RdbReader} against files and DUMP payloads written by the real Redis 7.0: every value type
 * in each encoding Redis picks for it (integer-encoded and LZF-compressed strings, listpack and
 * hashtable hashes, intset and hashtable sets, quicklist lists with a plain node, listpack and
 * skiplist sorted sets with infinite scores), expiries and databases, read back exactly as the test
 * wrote them; and damaged input refused.
 */
class RdbReaderTest {

    @TempDir
    Path dir;

    /** What the test wrote, per "db:key": type, expiry, and the value in a comparable form. */
    private final Map<String, Object> expected = new HashMap<>();
    private final Map<String, Long> expectedExpiry = new HashMap<>();

    @Test
    void readsWhatRedisSavedAndDumped() throws IOException {
        assumeTrue(RedisProcess.installed(), "no redis-server to write the files");
        try (RedisProcess redis = RedisProcess.start("--dir", dir.toString(), "--dbfilename", "dump.rdb");
             Wire w = new Wire(redis.port())) {
            populate(w);
            assertEquals("+OK\r\n", w.callText("SAVE"));
            byte[] file = Files.readAllBytes(dir.resolve("dump.rdb"));
            Model model = new Model();
            long keys = RdbReader.readFile(MemorySegment.ofArray(file), model);
            assertEquals(expected.size(), keys);
            assertEquals(expected, model.values);
            assertEquals(expectedExpiry, model.expiries);
            assertTrue(model.aux.get("redis-ver").startsWith("7."), "AUX fields are read: " + model.aux);

            Model dumped = new Model();
            RdbInput cursor = new RdbInput();
            for (String dbKey : expected.keySet()) {
                if (dbKey.startsWith("0:")) {
                    byte[] payload = bulk(w.call("DUMP", dbKey.substring(2)));
                    byte[] key = dbKey.substring(2).getBytes(StandardCharsets.ISO_8859_1);
                    RdbReader.readDump(MemorySegment.ofArray(payload), 0, payload.length, MemorySegment.ofArray(key), 0,
                            key.length, dumped, cursor);
                }
            }
            Map<String, Object> db0 = new HashMap<>(expected);
            db0.keySet().removeIf(k -> !k.startsWith("0:"));
            assertEquals(db0, dumped.values);

            byte[] damaged = file.clone();
            damaged[file.length / 2] ^= 0x10;
            assertThrows(RdbFormatException.class, () -> RdbReader.readFile(MemorySegment.ofArray(damaged), new Model()));
            byte[] truncated = java.util.Arrays.copyOf(file, file.length - 9);
            assertThrows(RdbFormatException.class, () -> RdbReader.readFile(MemorySegment.ofArray(truncated), new Model()));
            byte[] payload = bulk(w.call("DUMP", "h1"));
            payload[1] ^= 1;
            assertThrows(RdbFormatException.class, () -> RdbReader.readDump(MemorySegment.ofArray(payload), 0,
                    payload.length, MemorySegment.ofArray(new byte[] {'k'}), 0, 1, new Model(), cursor));
        }
        assertThrows(RdbFormatException.class, () -> RdbReader.readFile(
                MemorySegment.ofArray("REDIT0010\u00ff".getBytes(StandardCharsets.ISO_8859_1)), new Model()));
    }

    private void populate(Wire w) {
        string(w, "s1", "hello");
        string(w, "int", "12345");
        string(w, "neg", "-7");
        string(w, "big", "x".repeat(1000) + "y"); // compressed by rdbcompression
        StringBuilder binary = new StringBuilder();
        for (int i = 0; i < 256; i++) {
            binary.append((char) i);
        }
        string(w, "bin", binary.toString());

        Map<String, String> small = new LinkedHashMap<>();
        for (String v : new String[] {"10", "-200", "70000", "5000000000", "-9223372036854775808", "text", ""}) {
            small.put("f" + small.size(), v);
        }
        hash(w, "h1", small); // listpack: integers of every width
        Map<String, String> large = new LinkedHashMap<>();
        for (int i = 0; i < 600; i++) {
            large.put("field:" + i, "value:" + i);
        }
        hash(w, "h2", large); // hashtable
        set(w, "si", "1", "-5", "70000", "5000000000"); // intset
        set(w, "ss", "a", "b", "c");
        List<String> shortList = List.of("a", "1", "-3000", "b");
        list(w, "l1", shortList);
        List<String> longList = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            longList.add(i == 500 ? "p".repeat(10_000) : "e" + i); // a plain node for the large one
        }
        list(w, "l2", longList);
        Map<String, Double> z1 = new LinkedHashMap<>();
        z1.put("5", 1.0);
        z1.put("m", 1.5);
        z1.put("low", Double.NEGATIVE_INFINITY);
        z1.put("high", 1e300);
        z1.put("frac", 0.1);
        zset(w, "z1", z1); // listpack
        Map<String, Double> z2 = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            z2.put("member:" + i, i * 0.25 - 7);
        }
        z2.put("top", Double.POSITIVE_INFINITY);
        zset(w, "z2", z2); // skiplist
        string(w, "e1", "expires");
        w.call("PEXPIREAT", "e1", "4102444800123");
        expectedExpiry.put("0:e1", 4_102_444_800_123L);
        w.call("SELECT", "3");
        string(w, "d3", "three", 3);
        w.call("SELECT", "0");
    }

    private void string(Wire w, String key, String value) {
        string(w, key, value, 0);
    }

    private void string(Wire w, String key, String value, int db) {
        w.call("SET", key, value);
        expected.put(db + ":" + key, List.of("string", List.of(value)));
    }

    private void hash(Wire w, String key, Map<String, String> fields) {
        for (Map.Entry<String, String> f : fields.entrySet()) {
            w.call("HSET", key, f.getKey(), f.getValue());
        }
        expected.put("0:" + key, List.of("hash", fields));
    }

    private void set(Wire w, String key, String... members) {
        for (String m : members) {
            w.call("SADD", key, m);
        }
        expected.put("0:" + key, List.of("set", Set.of(members)));
    }

    private void list(Wire w, String key, List<String> elements) {
        for (String e : elements) {
            w.call("RPUSH", key, e);
        }
        expected.put("0:" + key, List.of("list", elements));
    }

    private void zset(Wire w, String key, Map<String, Double> members) {
        for (Map.Entry<String, Double> m : members.entrySet()) {
            double s = m.getValue();
            w.call("ZADD", key, s == Double.POSITIVE_INFINITY ? "+inf" : s == Double.NEGATIVE_INFINITY ? "-inf"
                    : Double.toString(s), m.getKey());
        }
        expected.put("0:" + key, List.of("zset", members));
    }

    /** The payload of a RESP bulk reply. */
    private static byte[] bulk(byte[] reply) {
        int crlf = 0;
        while (reply[crlf] != '\r') {
            crlf++;
        }
        int length = Integer.parseInt(new String(reply, 1, crlf - 1, StandardCharsets.US_ASCII));
        return java.util.Arrays.copyOfRange(reply, crlf + 2, crlf + 2 + length);
    }

    /** Rebuilds what was read in the same comparable form as {@link #expected}. */
    private static final class Model implements RdbVisitor {
        final Map<String, Object> values = new HashMap<>();
        final Map<String, Long> expiries = new HashMap<>();
        final Map<String, String> aux = new HashMap<>();
        private String key;
        private int type;
        private final List<String> elements = new ArrayList<>();
        private final Map<String, Double> scores = new HashMap<>();

        @Override
        public void aux(String name, String value) {
            aux.put(name, value);
        }

        @Override
        public void key(int db, int type, MemorySegment s, long offset, int length, long expireAtMillis) {
            this.key = db + ":" + text(s, offset, length);
            this.type = type;
            elements.clear();
            scores.clear();
            if (expireAtMillis != 0) {
                expiries.put(key, expireAtMillis);
            }
        }

        @Override
        public void element(MemorySegment s, long offset, int length) {
            elements.add(text(s, offset, length));
        }

        @Override
        public void scored(MemorySegment s, long offset, int length, double score) {
            scores.put(text(s, offset, length), score);
        }

        @Override
        public void endKey() {
            Object value = switch (type) {
                case Keyspace.TYPE_STRING -> List.of("string", List.copyOf(elements));
                case Keyspace.TYPE_LIST -> List.of("list", List.copyOf(elements));
                case Keyspace.TYPE_SET -> List.of("set", new HashSet<>(elements));
                case Keyspace.TYPE_HASH -> {
                    Map<String, String> m = new HashMap<>();
                    for (int i = 0; i < elements.size(); i += 2) {
                        m.put(elements.get(i), elements.get(i + 1));
                    }
                    yield List.of("hash", m);
                }
                default -> List.of("zset", new HashMap<>(scores));
            };
            values.put(key, value);
        }

        private static String text(MemorySegment s, long offset, int length) {
            byte[] b = new byte[length];
            MemorySegment.copy(s, ValueLayout.JAVA_BYTE, offset, b, 0, length);
            return new String(b, StandardCharsets.ISO_8859_1);
        }
    }
}
