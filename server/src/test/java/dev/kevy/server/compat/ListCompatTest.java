package dev.kevy.server.compat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * List commands against Redis 7.0, byte for byte: pushes and pops (with counts), ranges and
 * indexes (negative, out of range, not a number), LSET, LINSERT, LREM, LTRIM, LPOS with every
 * option, LMOVE, RPOPLPUSH and LMPOP on one shard and across shards, lists large enough to span
 * many nodes and elements larger than a node, WRONGTYPE from every command, argument errors in
 * Redis's order, and the key commands (TYPE, SCAN TYPE, OBJECT ENCODING, COPY, RENAME, MOVE,
 * expiry) on lists.
 */
class ListCompatTest extends DifferentialBase {

    private static final String[] EVERY_COMMAND_ON_S = {
        "LPUSH s a", "RPUSH s a", "LPUSHX s a", "RPUSHX s a", "LPOP s", "RPOP s", "LPOP s 2", "RPOP s 0", "LLEN s",
        "LRANGE s 0 -1", "LINDEX s 0", "LSET s 0 x", "LINSERT s BEFORE a b", "LREM s 0 a", "LTRIM s 0 1",
        "LPOS s a", "LPOS s a COUNT 0", "LMOVE s d LEFT RIGHT", "LMOVE l s LEFT RIGHT", "RPOPLPUSH s d",
        "RPOPLPUSH l s", "LMPOP 1 s LEFT", "LMPOP 2 missing s RIGHT COUNT 3",
    };

    @Test
    void pushPopLengthRangeAndIndexReplyAsRedis() {
        try (Differ d = differ()) {
            d.same("RPUSH", "l", "a", "b", "c", "d", "e");
            d.same("LPUSH", "l", "z", "y", "x");
            d.same("LLEN", "l");
            for (String[] r : new String[][] {{"0", "-1"}, {"0", "0"}, {"-1", "-1"}, {"-3", "-1"}, {"-100", "100"},
                {"3", "1"}, {"8", "10"}, {"7", "100"}, {"-9", "-8"}, {"2", "-3"}, {"-1", "0"},
                {"9223372036854775807", "-9223372036854775808"}, {"-9223372036854775808", "9223372036854775807"}}) {
                d.same("LRANGE", "l", r[0], r[1]);
            }
            d.same("LRANGE", "l", "x", "1");
            d.same("LRANGE", "l", "0", "1.5");
            d.same("LRANGE", "missing", "0", "-1");
            d.same("LRANGE", "missing", "a", "-1");
            for (String i : new String[] {"0", "1", "7", "8", "-1", "-8", "-9", "100", "-100", "9223372036854775807",
                "-9223372036854775808", "x", "1.0", " 1"}) {
                d.same("LINDEX", "l", i);
            }
            d.same("LINDEX", "missing", "x");
            d.same("LPOP", "l");
            d.same("RPOP", "l");
            d.same("LPOP", "l", "0");
            d.same("LPOP", "l", "2");
            d.same("RPOP", "l", "1");
            d.same("LPOP", "l", "-1");
            d.same("LPOP", "l", "x");
            d.same("LPOP", "l", "1", "2");
            d.same("RPOP", "l", "1", "2");
            d.same("LPOP", "missing");
            d.same("LPOP", "missing", "0");
            d.same("RPOP", "missing", "3");
            d.same("LRANGE", "l", "0", "-1");
            d.same("RPOP", "l", "100");
            d.same("EXISTS", "l");
            d.same("LPUSHX", "l", "a");
            d.same("RPUSHX", "l", "a", "b");
            d.same("EXISTS", "l");
            d.same("RPUSH", "l", "only");
            d.same("LPUSHX", "l", "a", "b", "c");
            d.same("RPUSHX", "l", "d");
            d.same("LRANGE", "l", "0", "-1");
            d.same("LPOP", "l", "9223372036854775807");
            d.same("EXISTS", "l");
            d.same("LPUSH", "l");
            d.same("RPUSH", "l");
            d.same("LLEN");
            d.same("LLEN", "missing");
            d.same("LRANGE", "l", "0");
            d.same("LINDEX", "l");
            d.assertSame();
        }
    }

    @Test
    void emptyBinaryAndLargeElementsReplyAsRedis() {
        String binary = "a\r\nb\u0000c\u00ff";
        String big = "B".repeat(20_000); // larger than a node: a node of its own
        String mid = "m".repeat(300); // a long length prefix
        try (Differ d = differ()) {
            d.same("RPUSH", "l", "", binary, big, mid, "", big);
            d.same("LPUSH", "l", big, "x");
            d.same("LRANGE", "l", "0", "-1");
            d.same("LLEN", "l");
            d.same("LINDEX", "l", "3");
            d.same("LPOS", "l", "", "COUNT", "0");
            d.same("LPOS", "l", big, "RANK", "-1", "COUNT", "0");
            d.same("LREM", "l", "2", big);
            d.same("LINSERT", "l", "AFTER", mid, big);
            d.same("LSET", "l", "0", mid);
            d.same("LSET", "l", "1", "");
            d.same("LRANGE", "l", "0", "-1");
            d.same("RPOP", "l", "3");
            d.same("LPOP", "l", "3");
            d.same("LRANGE", "l", "0", "-1");
            d.same("TYPE", "l");
            d.same("OBJECT", "ENCODING", "l");
            d.assertSame();
        }
    }

    @Test
    void listsOfManyNodesMatchRedisUnderEveryEdit() {
        Random random = new Random(15);
        try (Differ d = differ()) {
            for (int i = 0; i < 3000; i += 100) {
                String[] push = new String[102];
                push[0] = i % 200 == 0 ? "RPUSH" : "LPUSH";
                push[1] = "big";
                for (int k = 0; k < 100; k++) {
                    push[k + 2] = (k % 7 == 0 ? "dup" : "e" + (i + k)) + (k % 50 == 0 ? "-" + "p".repeat(400) : "");
                }
                d.same(push);
            }
            d.same("LLEN", "big");
            d.same("LRANGE", "big", "0", "-1");
            for (int n = 0; n < 40; n++) {
                long index = random.nextInt(6000) - 3000;
                d.same("LINDEX", "big", Long.toString(index));
                d.same("LSET", "big", Long.toString(index), n % 3 == 0 ? "set-" + "s".repeat(n * 50) : "set" + n);
                d.same("LINSERT", "big", n % 2 == 0 ? "BEFORE" : "AFTER", "e" + random.nextInt(3000), "ins" + "i".repeat(n * 20));
                d.same("LRANGE", "big", Long.toString(index - 5), Long.toString(index + 5));
            }
            d.same("LRANGE", "big", "0", "-1");
            d.same("LPOS", "big", "dup");
            d.same("LPOS", "big", "dup", "RANK", "-3");
            d.same("LPOS", "big", "dup", "COUNT", "0");
            d.same("LPOS", "big", "dup", "RANK", "-2", "COUNT", "10", "MAXLEN", "500");
            d.same("LPOS", "big", "dup", "RANK", "5", "COUNT", "3", "MAXLEN", "100");
            d.same("LREM", "big", "-5", "dup");
            d.same("LREM", "big", "7", "dup");
            d.same("LPOS", "big", "dup", "COUNT", "0");
            d.same("LREM", "big", "0", "dup");
            d.same("LLEN", "big");
            d.same("LTRIM", "big", "100", "-100");
            d.same("LRANGE", "big", "0", "-1");
            d.same("LPOP", "big", "500");
            d.same("RPOP", "big", "500");
            d.same("LTRIM", "big", "-300", "-1");
            d.same("LRANGE", "big", "0", "-1");
            d.same("LMPOP", "1", "big", "RIGHT", "COUNT", "1000");
            d.same("EXISTS", "big");
            d.assertSame();
            assertTrue(d.compared() > 200, "compared " + d.compared());
        }
    }

    @Test
    void lsetLinsertLremLtrimReplyAsRedis() {
        try (Differ d = differ()) {
            d.same("RPUSH", "l", "a", "b", "a", "c", "a");
            d.same("LSET", "l", "1", "B");
            d.same("LSET", "l", "-1", "A");
            d.same("LSET", "l", "5", "x");
            d.same("LSET", "l", "-6", "x");
            d.same("LSET", "l", "x", "x");
            d.same("LSET", "missing", "x", "x");
            d.same("LSET", "missing", "0", "x");
            d.same("LINSERT", "l", "BEFORE", "a", "first");
            d.same("LINSERT", "l", "after", "A", "last");
            d.same("LINSERT", "l", "AFTER", "nope", "x");
            d.same("LINSERT", "l", "MIDDLE", "a", "x");
            d.same("LINSERT", "missing", "BEFORE", "a", "x");
            d.same("LINSERT", "missing", "middle", "a", "x");
            d.same("EXISTS", "missing");
            d.same("LRANGE", "l", "0", "-1");
            d.same("LREM", "l", "1", "a");
            d.same("LREM", "l", "-1", "a");
            d.same("LREM", "l", "0", "zzz");
            d.same("LREM", "l", "x", "a");
            d.same("LREM", "missing", "0", "a");
            d.same("LREM", "missing", "x", "a");
            d.same("LRANGE", "l", "0", "-1");
            d.same("RPUSH", "t", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
            for (String[] r : new String[][] {{"1", "-2"}, {"-100", "100"}, {"0", "-1"}, {"2", "2"}}) {
                d.same("LTRIM", "t", r[0], r[1]);
                d.same("LRANGE", "t", "0", "-1");
            }
            d.same("LTRIM", "t", "x", "1");
            d.same("LTRIM", "t", "1", "x");
            d.same("LTRIM", "missing", "x", "1");
            d.same("LTRIM", "missing", "0", "1");
            d.same("LTRIM", "t", "1", "0");
            d.same("EXISTS", "t");
            d.same("RPUSH", "t", "a", "b");
            d.same("LTRIM", "t", "5", "10");
            d.same("EXISTS", "t");
            d.same("RPUSH", "r", "a", "a", "a");
            d.same("EXPIRE", "r", "1000");
            d.same("LREM", "r", "0", "a");
            d.same("EXISTS", "r");
            d.same("TTL", "r");
            d.assertSame();
        }
    }

    @Test
    void lposOptionsAndErrorsReplyAsRedis() {
        try (Differ d = differ()) {
            d.same("RPUSH", "l", "a", "b", "a", "c", "a", "b");
            String[][] options = {{}, {"RANK", "1"}, {"RANK", "2"}, {"RANK", "-1"}, {"RANK", "-3"}, {"RANK", "4"},
                {"COUNT", "0"}, {"COUNT", "2"}, {"COUNT", "1", "RANK", "-2"}, {"MAXLEN", "3"}, {"MAXLEN", "0", "COUNT", "0"},
                {"RANK", "-1", "MAXLEN", "2", "COUNT", "0"}, {"RANK", "2", "COUNT", "5", "MAXLEN", "4"},
                {"RANK", "-9223372036854775808"}, {"RANK", "-9223372036854775808", "COUNT", "2"},
                {"RANK", "9223372036854775807"}, {"rank", "1", "rank", "2"}, {"COUNT", "1", "COUNT", "3"},
                {"RANK", "0"}, {"RANK", "x"}, {"COUNT", "-1"}, {"COUNT", "x"}, {"MAXLEN", "-1"}, {"MAXLEN", "x"},
                {"FOO", "1"}, {"RANK"}, {"COUNT"}, {"RANK", "1", "COUNT"}};
            for (String[] o : options) {
                d.same(Differ.concat(new String[] {"LPOS", "l", "a"}, o));
                d.same(Differ.concat(new String[] {"LPOS", "l", "z"}, o));
                d.same(Differ.concat(new String[] {"LPOS", "missing", "a"}, o));
            }
            d.same("LPOS", "l");
            d.assertSame();
        }
    }

    @Test
    void everyListCommandRefusesAnotherTypeAsRedis() {
        try (Differ d = differ()) {
            d.same("SET", "s", "x");
            d.same("RPUSH", "l", "a", "b");
            for (String command : EVERY_COMMAND_ON_S) {
                d.same(command.split(" "));
            }
            d.same("HSET", "s", "f", "v");
            for (String command : EVERY_COMMAND_ON_S) {
                d.same(command.split(" "));
            }
            d.same("LRANGE", "l", "0", "-1");
            d.same("GET", "l");
            d.same("HGET", "l", "f");
            d.same("SADD", "l", "m");
            d.same("INCR", "l");
            d.same("SET", "l", "v");
            d.same("TYPE", "l");
            d.assertSame();
        }
    }

    @Test
    void moveAndMultiPopOnOneShardAndAcrossShardsReplyAsRedis() {
        try (Differ d = differ()) {
            String a = onShard(0, "a");
            String b = onShard(1, "b");
            String c = onShard(2, "c");
            d.same("RPUSH", a, "1", "2", "3", "4");
            d.same("RPUSH", "{a}x", "p", "q");
            for (String[] sides : new String[][] {{"LEFT", "LEFT"}, {"LEFT", "RIGHT"}, {"RIGHT", "LEFT"}, {"right", "right"}}) {
                d.same("LMOVE", a, b, sides[0], sides[1]);
                d.same("LMOVE", a, a, sides[0], sides[1]);
                d.same("LMOVE", "{a}x", "{a}y", sides[0], sides[1]);
                d.same("LRANGE", a, "0", "-1");
                d.same("LRANGE", b, "0", "-1");
            }
            d.same("LMOVE", a, b, "UP", "LEFT");
            d.same("LMOVE", a, b, "LEFT", "DOWN");
            d.same("LMOVE", "missing", b, "LEFT", "LEFT");
            d.same("RPOPLPUSH", b, c);
            d.same("RPOPLPUSH", c, c);
            d.same("RPOPLPUSH", "missing", c);
            d.same("RPUSH", "one", "x");
            d.same("EXPIRE", "one", "1000");
            d.same("RPOPLPUSH", "one", "one");
            d.same("TTL", "one");
            d.same("LMOVE", "one", "one", "LEFT", "RIGHT");
            d.same("LRANGE", "one", "0", "-1");
            d.same("RPOPLPUSH", "one", "other");
            d.same("EXISTS", "one");
            d.same("TTL", "other");
            d.same("LRANGE", c, "0", "-1");
            d.same("LMPOP", "3", "missing", b, c, "LEFT");
            d.same("LMPOP", "3", "missing", b, c, "RIGHT", "COUNT", "10");
            d.same("LMPOP", "2", c, a, "left", "count", "2");
            d.same("LMPOP", "2", "missing", "missing2", "LEFT");
            d.same("SET", "str", "v");
            d.same("LMPOP", "2", "str", a, "LEFT");
            d.same("LMPOP", "2", a, "str", "LEFT");
            for (String[] bad : new String[][] {{"0", a, "LEFT"}, {"-1", a, "LEFT"}, {"x", a, "LEFT"}, {"3", a, "LEFT"},
                {"1", a, "MIDDLE"}, {"1", a, "LEFT", "COUNT"}, {"1", a, "LEFT", "COUNT", "0"}, {"1", a, "LEFT", "COUNT", "-1"},
                {"1", a, "LEFT", "COUNT", "x"}, {"1", a, "LEFT", "COUNT", "1", "COUNT", "2"}, {"1", a, "LEFT", "EXTRA"},
                {"2147483648", a, "LEFT"}, {"1", a}}) {
                d.same(Differ.concat(new String[] {"LMPOP"}, bad));
            }
            d.same("LRANGE", a, "0", "-1");
            d.same("SET", "str2", "v");
            d.same("LMOVE", a, "str2", "LEFT", "LEFT");
            d.same("RPOPLPUSH", "str2", a);
            d.same("RPOPLPUSH", "missing", "str2");
            d.same("LRANGE", a, "0", "-1");
            d.assertSame();
        }
    }

    @Test
    void keyCommandsOnListsReplyAsRedis() {
        try (Differ d = differ()) {
            String l0 = onShard(0, "l");
            String l1 = onShard(1, "l");
            for (int i = 0; i < 2000; i += 500) {
                String[] push = new String[502];
                push[0] = "RPUSH";
                push[1] = l0;
                for (int k = 0; k < 500; k++) {
                    push[k + 2] = "element-" + (i + k);
                }
                d.same(push);
            }
            d.same("RPUSH", "small", "a", "b");
            d.same("TYPE", l0);
            d.same("OBJECT", "ENCODING", l0);
            d.same("OBJECT", "ENCODING", "small");
            d.scanSame("TYPE", "list");
            d.scanSame("TYPE", "set");
            d.same("COPY", l0, l1);
            d.same("COPY", "small", l1);
            d.same("COPY", "small", l1, "REPLACE");
            d.same("LRANGE", l1, "0", "-1");
            d.same("COPY", l0, "{l}copy");
            d.same("RENAME", l0, l1);
            d.same("LRANGE", l1, "1990", "-1");
            d.same("EXISTS", l0);
            d.same("RENAME", l1, "{l}renamed");
            d.same("LLEN", "{l}renamed");
            d.same("MOVE", "{l}renamed", "1");
            d.same("SELECT", "1");
            d.same("LRANGE", "{l}renamed", "0", "3");
            d.same("SELECT", "0");
            d.same("LLEN", "{l}copy");
            d.same("DEL", "{l}copy");
            d.same("RPUSH", "e", "x");
            d.same("PEXPIREAT", "e", "1");
            d.same("LLEN", "e");
            d.same("TYPE", "e");
            d.same("CONFIG", "GET", "list-max-listpack-size");
            d.same("CONFIG", "GET", "list-max-ziplist-size");
            d.same("CONFIG", "GET", "list-compress-depth");
            for (String v : new String[] {"-1", "-5", "-6", "0", "1", "100", "-2147483648", "2147483647", "2147483648",
                "x", "1.5", " 1", "-2"}) {
                d.same("CONFIG", "SET", "list-max-listpack-size", v);
                d.same("CONFIG", "GET", "list-max-ziplist-size");
            }
            for (String v : new String[] {"1", "0", "-1", "2147483647", "2147483648", "x", "0"}) {
                d.same("CONFIG", "SET", "list-compress-depth", v);
                d.same("CONFIG", "GET", "list-compress-depth");
            }
            d.same("CONFIG", "SET", "list-max-ziplist-size", "-2");
            d.same("CONFIG", "GET", "list-max-listpack-size");
            d.assertSame();
        }
    }

    @Test
    void smallNodeSizesKeepListsAsRedis() {
        try (Differ d = differ()) {
            for (String fill : new String[] {"1", "0", "3", "-1", "-5"}) {
                d.same("CONFIG", "SET", "list-max-listpack-size", fill);
                String key = "l" + fill;
                for (int i = 0; i < 40; i++) {
                    d.same(i % 2 == 0 ? "RPUSH" : "LPUSH", key, "v" + i, "w".repeat(i * 37));
                }
                d.same("LINSERT", key, "BEFORE", "v20", "x");
                d.same("LSET", key, "10", "y".repeat(2000));
                d.same("LREM", key, "0", "");
                d.same("LRANGE", key, "0", "-1");
                d.same("LTRIM", key, "3", "-3");
                d.same("LRANGE", key, "0", "-1");
            }
            d.same("CONFIG", "SET", "list-max-listpack-size", "-2");
            d.assertSame();
        }
    }
}
