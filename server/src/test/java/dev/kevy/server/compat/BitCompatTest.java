package dev.kevy.server.compat;

import org.junit.jupiter.api.Test;

/**
 * SETBIT, GETBIT, BITCOUNT, BITPOS and BITOP: kevy replies as Redis 7 does, byte for byte,
 * including Redis 7.0's order of checks (BITCOUNT and BITPOS answer a missing key before reading
 * their range) and BITOP over keys on three different shards.
 */
class BitCompatTest extends DifferentialBase {

    /** Eight 0xFF bytes: a string of ones that spans whole 64-bit words. */
    private static final String ONES_8 = "\u00ff".repeat(8);

    @Test
    void setbitAndGetbitReplyAsRedis() {
        try (Differ d = differ()) {
            d.same("SETBIT", "k", "7", "1");
            d.same("SETBIT", "k", "7", "1");
            d.same("GET", "k");
            d.same("SETBIT", "k", "7", "0");
            d.same("SETBIT", "k", "0", "1");
            d.same("GET", "k");
            d.same("SETBIT", "k", "100", "1");
            d.same("STRLEN", "k");
            d.same("GET", "k");
            d.same("SETBIT", "k", "100", "0");
            d.same("GET", "k");
            d.same("SETBIT", "fresh", "20", "0");
            d.same("GET", "fresh");
            for (String offset : new String[] {"0", "1", "7", "8", "100", "101", "103", "104", "99999"}) {
                d.same("GETBIT", "k", offset);
            }
            d.same("GETBIT", "missing", "0");
            d.same("GETBIT", "missing", "4294967295");
            d.same("SET", "ab", "ab");
            d.same("SETBIT", "ab", "14", "0");
            d.same("SETBIT", "ab", "15", "1");
            d.same("GET", "ab");
            for (String badOffset : new String[] {"-1", "x", "1.5", " 1", "01", "+1", "#1", "", "4294967296",
                "9223372036854775807", "-9223372036854775808", "99999999999999999999"}) {
                d.same("SETBIT", "k", badOffset, "1");
                d.same("GETBIT", "k", badOffset);
            }
            for (String badBit : new String[] {"2", "-1", "x", "01", "", "1.0", "9223372036854775807"}) {
                d.same("SETBIT", "k", "1", badBit);
            }
            d.same("SETBIT", "k", "x", "2");
            d.same("SETBIT", "k", "4294967295", "1", "extra");
            d.same("SETBIT", "k", "1");
            d.same("GETBIT", "k");
            d.same("GETBIT", "k", "1", "2");
            d.same("SET", "ttl", "x", "PXAT", Long.toString(FAR_MILLIS));
            d.same("SETBIT", "ttl", "200", "1");
            d.same("PEXPIRETIME", "ttl");
            d.same("SET", "empty", "");
            d.same("GETBIT", "empty", "0");
            d.same("SETBIT", "empty", "3", "1");
            d.same("GET", "empty");
            d.assertSame();
        }
    }

    /** SETBIT's largest offset, 2^32 - 1, makes a string of proto-max-bulk-len (512 MB) bytes. */
    @Test
    void setbitAtTheLargestOffsetGrowsTheStringToTheBulkLimit() {
        try (Differ d = differ()) {
            d.same("SETBIT", "big", "4294967295", "1");
            d.same("STRLEN", "big");
            d.same("GETBIT", "big", "4294967295");
            d.same("GETBIT", "big", "4294967294");
            d.same("BITCOUNT", "big");
            d.same("BITCOUNT", "big", "-1", "-1", "BIT");
            d.same("BITPOS", "big", "1");
            d.same("BITPOS", "big", "1", "-1");
            d.same("BITPOS", "big", "0", "-1", "-1", "BIT");
            d.same("SETBIT", "big", "4294967295", "0");
            d.same("BITPOS", "big", "1");
            d.same("DEL", "big");
            d.assertSame();
        }
    }

    @Test
    void bitcountOverEveryKindOfRangeRepliesAsRedis() {
        try (Differ d = differ()) {
            d.same("SET", "s", "foobar");
            d.same("SET", "ones", ONES_8 + ONES_8 + "\u00ff\u00ff\u00ff");
            d.same("SET", "mixed", "\u0001\u0080\u00f0\u000f\u0055\u00aa\u0000\u00ff\u0011\u0023\u0033\u0044\u00fe");
            d.same("SET", "empty", "");
            String[][] ranges = {{"0", "0"}, {"1", "1"}, {"0", "-1"}, {"-1", "-1"}, {"-2", "-1"}, {"2", "1"},
                {"-1", "-2"}, {"5", "30"}, {"100", "200"}, {"-100", "-200"}, {"-100", "100"}, {"3", "-100"},
                {"0", "9223372036854775807"}, {"-9223372036854775808", "2"}, {"7", "8"}, {"9", "15"},
                {"1", "62"}, {"3", "140"}, {"-9", "-3"}};
            for (String key : new String[] {"s", "ones", "mixed", "empty", "missing"}) {
                d.same("BITCOUNT", key);
                for (String[] r : ranges) {
                    d.same("BITCOUNT", key, r[0], r[1]);
                    d.same("BITCOUNT", key, r[0], r[1], "BYTE");
                    d.same("BITCOUNT", key, r[0], r[1], "bit");
                }
            }
            for (String key : new String[] {"s", "missing"}) { // a missing key answers 0 before any of these is read
                d.same("BITCOUNT", key, "1");
                d.same("BITCOUNT", key, "a", "1");
                d.same("BITCOUNT", key, "1", "a");
                d.same("BITCOUNT", key, "0", "1", "bits");
                d.same("BITCOUNT", key, "-1", "-2", "bits"); // an empty negative range is 0 before the unit
                d.same("BITCOUNT", key, "0", "1", "BIT", "x");
                d.same("BITCOUNT", key, "1.5", "2");
            }
            d.same("BITCOUNT");
            d.assertSame();
        }
    }

    @Test
    void bitposFindsTheFirstZeroOrOneAsRedis() {
        try (Differ d = differ()) {
            d.same("SET", "ones", "\u00ff\u00ff\u00ff");
            d.same("SET", "longones", ONES_8 + ONES_8 + ONES_8 + "\u00ff");
            d.same("SET", "zeros", "\u0000".repeat(27));
            d.same("SET", "tail", "\u0000".repeat(20) + "\u0001");
            d.same("SET", "holes", ONES_8 + ONES_8 + "\u00fe" + ONES_8 + "\u00f7");
            d.same("SET", "s", "\u00ff\u00f0\u0000");
            d.same("SET", "empty", "");
            String[][] ranges = {{}, {"0"}, {"1"}, {"-1"}, {"2"}, {"100"}, {"-100"}, {"0", "-1"}, {"1", "1"},
                {"2", "1"}, {"-1", "-1"}, {"-2", "-1"}, {"0", "0"}, {"7", "15"}, {"5", "30"}, {"1", "200"},
                {"-100", "-200"}, {"9", "170"}, {"3", "129"}, {"0", "9223372036854775807"}};
            for (String key : new String[] {"ones", "longones", "zeros", "tail", "holes", "s", "empty", "missing"}) {
                for (String bit : new String[] {"0", "1"}) {
                    for (String[] r : ranges) {
                        d.same(concat(new String[] {"BITPOS", key, bit}, r));
                        if (r.length == 2) {
                            d.same("BITPOS", key, bit, r[0], r[1], "BYTE");
                            d.same("BITPOS", key, bit, r[0], r[1], "BIT");
                        }
                    }
                }
            }
            for (String key : new String[] {"s", "missing"}) {
                d.same("BITPOS", key, "2");
                d.same("BITPOS", key, "-1");
                d.same("BITPOS", key, "x");
                d.same("BITPOS", key, "1", "x");
                d.same("BITPOS", key, "1", "0", "x");
                d.same("BITPOS", key, "1", "0", "x", "bits"); // the unit is read before the end
                d.same("BITPOS", key, "1", "0", "1", "bits");
                d.same("BITPOS", key, "1", "0", "1", "BIT", "extra");
            }
            d.same("BITPOS", "s");
            d.assertSame();
        }
    }

    @Test
    void bitopCombinesStringsAsRedis() {
        try (Differ d = differ()) {
            d.same("SET", "a", "foobar");
            d.same("SET", "b", "abcdef0123456789abcdef0123456789abcdef");
            d.same("SET", "c", "\u00ff\u0000\u00f0");
            d.same("SET", "empty", "");
            for (String op : new String[] {"AND", "OR", "XOR", "and", "Or"}) {
                d.same("BITOP", op, "dest", "a", "b");
                d.same("GET", "dest");
                d.same("BITOP", op, "dest", "b", "a", "c");
                d.same("GET", "dest");
                d.same("BITOP", op, "dest", "a", "missing", "c");
                d.same("GET", "dest");
                d.same("BITOP", op, "dest", "a");
                d.same("GET", "dest");
                d.same("BITOP", op, "dest", "b", "b", "b");
                d.same("GET", "dest");
            }
            d.same("BITOP", "NOT", "dest", "b");
            d.same("GET", "dest");
            d.same("BITOP", "not", "dest", "c");
            d.same("GET", "dest");
            d.same("BITOP", "NOT", "dest", "missing");
            d.same("EXISTS", "dest");
            d.same("SET", "dest", "x", "PXAT", Long.toString(FAR_MILLIS));
            d.same("BITOP", "OR", "dest", "a");
            d.same("PEXPIRETIME", "dest");
            d.same("BITOP", "AND", "dest", "missing", "empty");
            d.same("EXISTS", "dest");
            d.same("SET", "self", "abc");
            d.same("BITOP", "XOR", "self", "self", "a");
            d.same("GET", "self");
            d.same("BITOP", "NOT", "self", "self");
            d.same("GET", "self");
            d.same("BITOP", "NOT", "dest", "a", "b");
            d.same("BITOP", "NOT", "dest");
            d.same("BITOP", "DIFF", "dest", "a", "b");
            d.same("BITOP", "NAND", "dest", "a");
            d.same("BITOP", "AND", "dest");
            d.same("BITOP", "AND");
            d.assertSame();
        }
    }

    /** BITOP whose destination and sources live on three different shards runs atomically across them. */
    @Test
    void bitopAcrossShardsRepliesAsRedis() {
        try (Differ d = differ()) {
            String s0 = onShard(0, "src");
            String s1 = onShard(1, "src");
            String s2 = onShard(2, "src");
            String dest = onShard(1, "dst");
            d.same("SET", s0, "hello world, this is shard zero");
            d.same("SET", s1, "\u00ff\u0000\u00ff\u0000");
            d.same("SET", s2, "another value on shard two!");
            for (String op : new String[] {"AND", "OR", "XOR"}) {
                d.same("BITOP", op, dest, s0, s1, s2);
                d.same("GET", dest);
                d.same("BITOP", op, s2, s2, s0, "{" + s1 + "}missing");
                d.same("GET", s2);
            }
            d.same("BITOP", "NOT", dest, s0);
            d.same("GET", dest);
            d.same("BITOP", "AND", dest, onShard(0, "none"), onShard(2, "none"));
            d.same("EXISTS", dest);
            d.same("BITOP", "OR", "{t}d", "{t}a", "{t}b");
            d.assertSame();
        }
    }

    private static String[] concat(String[] head, String[] tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
