package dev.kevy.server.compat;

import org.junit.jupiter.api.Test;

/** SET and its relatives, GETEX, APPEND, STRLEN, GETRANGE, SETRANGE: kevy replies as Redis 7 does, byte for byte. */
class StringCompatTest extends DifferentialBase {

    @Test
    void setWithEveryOptionCombinationRepliesAsRedis() {
        try (Differ d = differ()) {
            d.same("SET", "k", "v");
            d.same("GET", "k");
            d.same("SET", "k", "v2", "NX");
            d.same("SET", "k", "v3", "XX");
            d.same("GET", "k");
            d.same("SET", "n", "v", "XX");
            d.same("SET", "n", "v", "nx");
            d.same("SET", "n", "v", "NX", "NX");
            d.same("SET", "k", "v", "XX", "XX");
            d.same("SET", "k", "v", "NX", "XX");
            d.same("SET", "k", "v", "XX", "NX");
            d.same("SET", "k", "old");
            d.same("SET", "k", "new", "GET");
            d.same("SET", "missing", "x", "GET");
            d.same("SET", "k", "newer", "NX", "GET");
            d.same("SET", "nothere", "x", "XX", "GET");
            d.same("SET", "k", "v", "GET", "GET");
            d.same("EXISTS", "nothere");
            d.same("SET", "k", "v", "EX", "100");
            d.near(1, "TTL", "k");
            d.same("SET", "k", "v", "PX", "100000");
            d.near(1000, "PTTL", "k");
            d.same("SET", "k", "v", "EXAT", Long.toString(FAR_SECONDS));
            d.same("EXPIRETIME", "k");
            d.same("PEXPIRETIME", "k");
            d.same("SET", "k", "v", "PXAT", Long.toString(FAR_MILLIS));
            d.same("PEXPIRETIME", "k");
            d.same("EXPIRETIME", "k");
            d.same("SET", "k", "v2", "KEEPTTL");
            d.same("PEXPIRETIME", "k");
            d.same("SET", "k", "v3", "KEEPTTL", "GET");
            d.same("PEXPIRETIME", "k");
            d.same("SET", "k", "v4");
            d.same("TTL", "k");
            d.same("SET", "k", "v", "ex", "100", "nx");
            d.same("SET", "k", "v", "XX", "EX", "100", "GET");
            d.near(1, "TTL", "k");
            d.same("SET", "k", "v", "EX", "10", "EX", "20");
            d.near(1, "TTL", "k");
            d.same("SET", "k", "v", "PX", "10000", "PX", "20000");
            d.same("SET", "k", "v", "KEEPTTL", "KEEPTTL");
            d.same("SET", "k", "v", "EX", "10", "PX", "10");
            d.same("SET", "k", "v", "PX", "10", "EX", "10");
            d.same("SET", "k", "v", "EX", "10", "EXAT", "10");
            d.same("SET", "k", "v", "EXAT", "10", "PXAT", "10");
            d.same("SET", "k", "v", "EX", "10", "KEEPTTL");
            d.same("SET", "k", "v", "KEEPTTL", "EX", "10");
            d.same("SET", "k", "v", "KEEPTTL", "PXAT", "10");
            d.same("SET", "k", "v", "EX");
            d.same("SET", "k", "v", "PX");
            d.same("SET", "k", "v", "NX", "EX");
            d.same("SET", "k", "v", "EX", "abc");
            d.same("SET", "k", "v", "EX", "1.5");
            d.same("SET", "k", "v", "EX", " 10");
            d.same("SET", "k", "v", "EX", "0");
            d.same("SET", "k", "v", "EX", "-1");
            d.same("SET", "k", "v", "PX", "0");
            d.same("SET", "k", "v", "PX", "-100");
            d.same("SET", "k", "v", "EXAT", "0");
            d.same("SET", "k", "v", "PXAT", "-1");
            d.same("SET", "k", "v", "EX", "9223372036854775807");
            d.same("SET", "k", "v", "EX", "9223372036854775");
            d.same("SET", "k", "v", "PX", "9223372036854775807");
            d.same("SET", "k", "v", "EXAT", "9223372036854775807");
            d.same("SET", "k", "v", "EX", "99999999999999999999");
            d.same("SET", "k", "v", "PERSIST");
            d.same("SET", "k", "v", "FOO");
            d.same("SET", "k", "v", "EX", "10", "FOO");
            d.same("GET", "k");
            d.same("SET", "past", "v", "EXAT", "1");
            d.same("GET", "past");
            d.same("SET", "past", "v", "PXAT", "1");
            d.same("EXISTS", "past");
            d.same("SET", "", "empty key");
            d.same("GET", "");
            d.same("SET", "e", "");
            d.same("GET", "e");
            d.same("SET", "e", "", "GET");
            d.same("SET", "bin", "a\r\nb\u0000c\u00ff");
            d.same("GET", "bin");
            d.same("DBSIZE");
            d.assertSame();
        }
    }

    @Test
    void setnxSetexPsetexGetsetGetdelRepliesAsRedis() {
        try (Differ d = differ()) {
            d.same("SETNX", "k", "v");
            d.same("SETNX", "k", "w");
            d.same("GET", "k");
            d.same("SETEX", "k", "100", "v");
            d.near(1, "TTL", "k");
            d.same("SETEX", "k", "0", "v");
            d.same("SETEX", "k", "-5", "v");
            d.same("SETEX", "k", "abc", "v");
            d.same("SETEX", "k", "9223372036854775807", "v");
            d.same("SETEX", "k", "9223372036854775", "v");
            d.same("PSETEX", "k", "100000", "v");
            d.near(1000, "PTTL", "k");
            d.same("PSETEX", "k", "0", "v");
            d.same("PSETEX", "k", "-1", "v");
            d.same("PSETEX", "k", "x", "v");
            d.same("PSETEX", "k", "9223372036854775807", "v");
            d.same("GETSET", "k", "new");
            d.same("TTL", "k");
            d.same("GETSET", "fresh", "v");
            d.same("GET", "fresh");
            d.same("GETDEL", "fresh");
            d.same("GETDEL", "fresh");
            d.same("EXISTS", "fresh");
            d.assertSame();
        }
    }

    @Test
    void getexWithEveryOptionRepliesAsRedis() {
        try (Differ d = differ()) {
            d.same("SET", "k", "v");
            d.same("GETEX", "k");
            d.same("GETEX", "k", "EX", "100");
            d.near(1, "TTL", "k");
            d.same("GETEX", "k", "PX", "200000");
            d.near(1000, "PTTL", "k");
            d.same("GETEX", "k", "EXAT", Long.toString(FAR_SECONDS));
            d.same("EXPIRETIME", "k");
            d.same("GETEX", "k", "PXAT", Long.toString(FAR_MILLIS));
            d.same("PEXPIRETIME", "k");
            d.same("GETEX", "k", "PERSIST");
            d.same("TTL", "k");
            d.same("GETEX", "k", "persist", "PERSIST");
            d.same("GETEX", "k", "EX", "10", "EX", "20");
            d.near(1, "TTL", "k");
            d.same("GETEX", "k", "EX", "10", "PX", "10");
            d.same("GETEX", "k", "PERSIST", "EX", "10");
            d.same("GETEX", "k", "EX", "10", "PERSIST");
            d.same("GETEX", "k", "KEEPTTL");
            d.same("GETEX", "k", "NX");
            d.same("GETEX", "k", "GET");
            d.same("GETEX", "k", "EX");
            d.same("GETEX", "k", "EX", "abc");
            d.same("GETEX", "k", "EX", "0");
            d.same("GETEX", "k", "PX", "-1");
            d.same("GETEX", "k", "EX", "9223372036854775807");
            d.same("GETEX", "k", "FOO");
            d.same("GETEX", "missing", "EX", "abc");
            d.same("GETEX", "missing", "EX", "0");
            d.same("GETEX", "missing", "EX", "10");
            d.same("GETEX", "missing", "FOO");
            d.same("GETEX", "k", "EXAT", "1");
            d.same("EXISTS", "k");
            d.same("SET", "k", "v");
            d.same("GETEX", "k", "PXAT", "1");
            d.same("GET", "k");
            d.assertSame();
        }
    }

    @Test
    void appendStrlenGetrangeSetrangeReplyAsRedis() {
        try (Differ d = differ()) {
            d.same("APPEND", "a", "hello");
            d.same("APPEND", "a", " world");
            d.same("APPEND", "a", "");
            d.same("GET", "a");
            d.same("STRLEN", "a");
            d.same("STRLEN", "missing");
            d.same("SET", "n", "12345");
            d.same("APPEND", "n", "6");
            d.same("GET", "n");
            String[][] ranges = {{"0", "4"}, {"0", "-1"}, {"-5", "-1"}, {"-1", "-5"}, {"6", "100"}, {"100", "200"},
                {"-100", "3"}, {"-100", "-100"}, {"5", "3"}, {"0", "0"}, {"-1", "-1"}, {"10", "10"}, {"11", "11"},
                {"3", "-100"}, {"-3", "2"}, {"0", "9223372036854775807"}, {"-9223372036854775808", "2"},
                {"a", "1"}, {"1", "b"}, {"1.5", "2"}, {"99999999999999999999", "1"}};
            for (String[] r : ranges) {
                d.same("GETRANGE", "a", r[0], r[1]);
            }
            d.same("GETRANGE", "missing", "0", "-1");
            d.same("GETRANGE", "missing", "a", "b");
            d.same("SET", "empty", "");
            d.same("GETRANGE", "empty", "0", "-1");
            d.same("GETRANGE", "empty", "-1", "0");
            d.same("SETRANGE", "a", "6", "WORLD");
            d.same("GET", "a");
            d.same("SETRANGE", "a", "20", "!");
            d.same("GET", "a");
            d.same("SETRANGE", "pad", "5", "x");
            d.same("GET", "pad");
            d.same("SETRANGE", "pad", "0", "");
            d.same("SETRANGE", "none", "0", "");
            d.same("EXISTS", "none");
            d.same("SETRANGE", "none", "10", "");
            d.same("EXISTS", "none");
            d.same("SETRANGE", "a", "-1", "x");
            d.same("SETRANGE", "a", "x", "x");
            d.same("SETRANGE", "a", "536870911", "");
            d.same("SETRANGE", "a", "536870912", "x");
            d.same("SETRANGE", "none", "536870912", "x");
            d.same("SETRANGE", "none", "536870912", "");
            d.same("SETRANGE", "a", "9223372036854775807", "x");
            d.same("SETRANGE", "a", "9223372036854775807", "");
            d.same("SETRANGE", "a", "536870912", "");
            d.same("SETRANGE", "a", "536870911", "xy");
            d.same("STRLEN", "a");
            d.same("SET", "i", "100");
            d.same("SETRANGE", "i", "1", "9");
            d.same("GET", "i");
            d.same("INCR", "i");
            d.assertSame();
        }
    }
}
