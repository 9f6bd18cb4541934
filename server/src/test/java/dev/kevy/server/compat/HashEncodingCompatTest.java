package dev.kevy.server.compat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hashes across the switch from Redis's compact encoding to its large one, against Redis 7. A
 * hash is a listpack while it has at most 128 fields and every field and value written to it is
 * at most 64 bytes, and a hashtable from the first write that breaks either limit; it never
 * converts back. OBJECT ENCODING is compared exactly (Redis 7.0 and 7.2 agree on hashes), and so
 * is everything about a listpack hash. A hashtable's order is its own, so whole-hash replies of
 * large hashes are compared as sets of field/value pairs or of elements, while replies whose
 * order the caller fixes (HMGET) stay exact.
 */
class HashEncodingCompatTest extends DifferentialBase {

    @Test
    void aHashOf128FieldsIsAListpackAndThe129thMakesItAHashtable() {
        try (Differ d = differ()) {
            String[] fields = new String[128];
            List<String> hset = new ArrayList<>(List.of("HSET", "h"));
            for (int i = 0; i < 128; i++) {
                fields[i] = "field-" + (i * 37 % 128);
                hset.add(fields[i]);
                hset.add("value-" + i);
            }
            d.same(hset.toArray(String[]::new));
            d.same("OBJECT", "ENCODING", "h");
            d.same("HLEN", "h");
            d.same("HGETALL", "h");
            d.same("HKEYS", "h");
            d.same("HVALS", "h");
            d.same("HSCAN", "h", "0");
            d.same("HSCAN", "h", "0", "MATCH", "field-1*");
            d.same("HSET", "h", "field-0", "updated");
            d.same("OBJECT", "ENCODING", "h");
            d.same("HSET", "h", "field-128", "the 129th");
            d.same("OBJECT", "ENCODING", "h");
            d.same("HLEN", "h");
            d.sortedPairs("HGETALL", "h");
            d.sorted("HKEYS", "h");
            d.sorted("HVALS", "h");
            d.same(concat("HMGET", "h", fields));
            d.same("HGET", "h", "field-0");
            d.same("HGET", "h", "field-128");
            d.same("HSTRLEN", "h", "field-128");
            d.same("HEXISTS", "h", "field-77");
            d.keyScanSame("HSCAN", "h");
            d.keyScanSame("HSCAN", "h", "COUNT", "1");
            d.keyScanSame("HSCAN", "h", "COUNT", "7");
            d.keyScanSame("HSCAN", "h", "COUNT", "1000");
            d.keyScanSame("HSCAN", "h", "MATCH", "field-1*");
            d.keyScanSame("HSCAN", "h", "MATCH", "*9", "COUNT", "3");
            d.keyScanSame("HSCAN", "h", "MATCH", "nothing");
            d.same("HINCRBY", "h", "counter", "5");
            d.same("HINCRBYFLOAT", "h", "float", "2.5");
            d.same("HSETNX", "h", "field-1", "no");
            d.same(concat("HDEL", "h", fields));
            d.sortedPairs("HGETALL", "h");
            d.same("OBJECT", "ENCODING", "h");
            d.same("HDEL", "h", "field-128", "counter", "float");
            d.same("EXISTS", "h");
            d.same("OBJECT", "ENCODING", "h");
            d.assertSame();
        }
    }

    @Test
    void hincrbyOfANewFieldIntoAFullListpackMakesAHashtable() {
        try (Differ d = differ()) {
            List<String> hset = new ArrayList<>(List.of("HSET", "h"));
            for (int i = 0; i < 128; i++) {
                hset.add("f" + i);
                hset.add(Integer.toString(i));
            }
            d.same(hset.toArray(String[]::new));
            d.same("HINCRBY", "h", "f5", "1");
            d.same("OBJECT", "ENCODING", "h");
            d.same("HINCRBY", "h", "new", "1");
            d.same("OBJECT", "ENCODING", "h");
            d.same("HLEN", "h");
            d.sortedPairs("HGETALL", "h");
            d.assertSame();
        }
    }

    @Test
    void aFieldOrValueOver64BytesMakesAHashtable() {
        String f64 = "f".repeat(64);
        String f65 = "g".repeat(65);
        String v64 = "v".repeat(64);
        String v65 = "w".repeat(65);
        try (Differ d = differ()) {
            d.same("HSET", "fields", "a", "1", f64, "2", "b", "3");
            d.same("OBJECT", "ENCODING", "fields");
            d.same("HGETALL", "fields");
            d.same("HSET", "fields", f65, "4");
            d.same("OBJECT", "ENCODING", "fields");
            d.sortedPairs("HGETALL", "fields");
            d.same("HMGET", "fields", "a", f64, "b", f65);
            d.same("HSTRLEN", "fields", f65);

            d.same("HSET", "values", "a", v64, "b", "1");
            d.same("OBJECT", "ENCODING", "values");
            d.same("HGETALL", "values");
            d.same("HSET", "values", "b", v65);
            d.same("OBJECT", "ENCODING", "values");
            d.sortedPairs("HGETALL", "values");
            d.same("HSTRLEN", "values", "b");
            d.same("HDEL", "values", "b");
            d.same("OBJECT", "ENCODING", "values");
            d.same("HGETALL", "values");

            d.same("HSET", "nx", "a", "1");
            d.same("HSETNX", "nx", "b", v65);
            d.same("OBJECT", "ENCODING", "nx");
            d.same("HSETNX", "fresh", f65, "1");
            d.same("OBJECT", "ENCODING", "fresh");
            d.same("HMSET", "m", "a", "1", "b", v65);
            d.same("OBJECT", "ENCODING", "m");
            d.same("HMSET", "m64", "a", "1", f64, v64);
            d.same("OBJECT", "ENCODING", "m64");
            d.same("HGETALL", "m64");
            d.same("HSET", "long", v65, f65);
            d.same("OBJECT", "ENCODING", "long");
            d.same("HGETALL", "long");
            d.same("OBJECT", "ENCODING", "missing");
            d.assertSame();
        }
    }

    /** HINCRBY and HINCRBYFLOAT apply the 64-byte limit to the field and to the value they write. */
    @Test
    void anIncrementWithALongFieldOrResultMakesAHashtable() {
        String f65 = "f".repeat(65);
        try (Differ d = differ()) {
            d.same("HSET", "i", "a", "1");
            d.same("HINCRBY", "i", "f".repeat(64), "1");
            d.same("OBJECT", "ENCODING", "i");
            d.same("HINCRBY", "i", f65, "1");
            d.same("OBJECT", "ENCODING", "i");
            d.sortedPairs("HGETALL", "i");
            d.same("HSET", "f", "a", "1");
            d.same("HINCRBYFLOAT", "f", f65, "1.5");
            d.same("OBJECT", "ENCODING", "f");
            d.same("HSET", "g", "a", "2.5");
            d.same("HINCRBYFLOAT", "g", "a", "1e60");
            d.same("OBJECT", "ENCODING", "g");
            d.same("HGETALL", "g");
            d.same("HINCRBYFLOAT", "g", "a", "1e400");
            d.same("OBJECT", "ENCODING", "g");
            d.same("HGETALL", "g");
            d.same("HSET", "h", "a", "1e400", "b", "2");
            d.same("OBJECT", "ENCODING", "h");
            d.same("HINCRBYFLOAT", "h", "a", "1");
            d.same("OBJECT", "ENCODING", "h");
            d.same("HGET", "h", "a");
            d.assertSame();
        }
    }

    @Test
    void aLargeHashMovesAcrossShardsWhole() {
        String from = onShard(0, "big");
        String to = onShard(2, "big");
        try (Differ d = differ()) {
            List<String> hset = new ArrayList<>(List.of("HSET", from));
            String[] fields = new String[300];
            for (int i = 0; i < 300; i++) {
                fields[i] = "k" + i;
                hset.add(fields[i]);
                hset.add(i % 3 == 0 ? "x".repeat(i % 80) : Integer.toString(i * 1000));
            }
            d.same(hset.toArray(String[]::new));
            d.same("OBJECT", "ENCODING", from);
            d.same("EXPIRE", from, "1000");
            d.same("RENAME", from, to);
            d.same("EXISTS", from, to);
            d.same("OBJECT", "ENCODING", to);
            d.same("HLEN", to);
            d.near(1, "TTL", to);
            d.same(concat("HMGET", to, fields));
            d.sortedPairs("HGETALL", to);
            d.keyScanSame("HSCAN", to, "COUNT", "10");
            d.same("RENAME", to, from);
            d.same(concat("HMGET", from, fields));
            d.same("DEL", from);
            d.same("DBSIZE");
            d.assertSame();
        }
    }

    private static String[] concat(String command, String key, String[] rest) {
        return Differ.concat(new String[] {command, key}, rest);
    }
}
