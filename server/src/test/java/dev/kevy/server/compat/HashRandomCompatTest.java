package dev.kevy.server.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * HRANDFIELD against Redis 7. Replies that involve no chance (errors, a count of 0, a missing
 * key, a hash of one field) are compared byte for byte; the others are checked on each server
 * for what the command promises ({@link RandomReplies#hrandfield}), on a listpack hash and on a
 * hashtable one, and repeated picks must reach every field.
 */
class HashRandomCompatTest extends DifferentialBase {

    @Test
    void hrandfieldRepliesThatInvolveNoChanceAreRedis() {
        try (Differ d = differ()) {
            d.same("HSET", "h", "a", "1", "b", "2", "c", "3");
            d.same("HRANDFIELD", "h", "0");
            d.same("HRANDFIELD", "h", "0", "WITHVALUES");
            d.same("HRANDFIELD", "h", "-0", "withvalues");
            d.same("HRANDFIELD", "missing");
            d.same("HRANDFIELD", "missing", "3");
            d.same("HRANDFIELD", "missing", "-3", "WITHVALUES");
            d.same("HRANDFIELD", "missing", "0");
            d.same("HRANDFIELD", "h", "abc");
            d.same("HRANDFIELD", "missing", "abc");
            d.same("HRANDFIELD", "h", "1.5");
            d.same("HRANDFIELD", "h", "WITHVALUES");
            d.same("HRANDFIELD", "h", "1", "WITHVALUES", "x");
            d.same("HRANDFIELD", "h", "1", "FOO");
            d.same("HRANDFIELD", "h", "-9223372036854775808");
            d.same("HRANDFIELD", "h", "-9223372036854775808", "WITHVALUES");
            d.same("HRANDFIELD", "h", "-4611686018427387904", "WITHVALUES");
            d.same("HRANDFIELD", "h", "99999999999999999999");
            d.same("HRANDFIELD", "h", "9223372036854775807", "WITHVALUES");
            d.same("HRANDFIELD", "h", "4611686018427387904", "WITHVALUES");
            d.same("HSET", "one", "only", "value");
            d.same("HRANDFIELD", "one");
            d.same("HRANDFIELD", "one", "1");
            d.same("HRANDFIELD", "one", "5", "WITHVALUES");
            d.same("HRANDFIELD", "one", "-3");
            d.same("HRANDFIELD", "one", "-3", "WITHVALUES");
            d.same("HGETALL", "h");
            d.assertSame();
        }
    }

    @Test
    void hrandfieldOfASmallHashKeepsItsPromises() {
        try (Differ d = differ()) {
            d.same("HSET", "h", "a", "1", "b", "2", "c", "", "", "empty", "e", "5");
            d.same("OBJECT", "ENCODING", "h");
            d.onEach((server, w) -> {
                for (long count : new long[] {1, 2, 4, 5, 6, 100, -1, -2, -5, -6, -50}) {
                    RandomReplies.hrandfield(server, w, "h", count, false);
                    RandomReplies.hrandfield(server, w, "h", count, true);
                }
                RandomReplies.hrandfield(server, w, "h", Long.MAX_VALUE, false);
            });
            d.same("HGETALL", "h");
            d.assertSame();
        }
    }

    @Test
    void hrandfieldOfAHashtableKeepsItsPromises() {
        try (Differ d = differ()) {
            List<String> hset = new ArrayList<>(List.of("HSET", "big"));
            for (int i = 0; i < 200; i++) {
                hset.add("f" + i);
                hset.add("v" + i * 7);
            }
            d.same(hset.toArray(String[]::new));
            d.same("OBJECT", "ENCODING", "big");
            d.onEach((server, w) -> {
                for (long count : new long[] {1, 10, 150, 199, 200, 201, 1000, -1, -10, -200, -500}) {
                    RandomReplies.hrandfield(server, w, "big", count, false);
                    RandomReplies.hrandfield(server, w, "big", count, true);
                }
                Set<String> fields = RandomReplies.hash(w, "big").keySet();
                for (int i = 0; i < 20; i++) {
                    RandomReplies.picksFrom(server, w, fields, "HRANDFIELD", "big");
                }
            });
            d.same("HLEN", "big");
            d.assertSame();
        }
    }

    /**
     * Picks reach every field, so the choice is not always the same one: with 5 fields, 200 picks
     * of one field, or 100 replies of 10 fields, miss a given field with odds below 1e-19.
     */
    @Test
    void hrandfieldPicksEveryFieldOverManyCalls() {
        try (Differ d = differ()) {
            d.same("HSET", "h", "a", "1", "b", "2", "c", "3", "d", "4", "e", "5");
            d.onEach((server, w) -> {
                Set<String> fields = RandomReplies.hash(w, "h").keySet();
                RandomReplies.coversAll(server, w, fields, 200, "HRANDFIELD", "h");
                RandomReplies.coversAll(server, w, fields, 200, "HRANDFIELD", "h", "1");
                RandomReplies.coversAll(server, w, fields, 100, "HRANDFIELD", "h", "-10");
            });
            d.same("HGETALL", "h");
            d.assertSame();
        }
    }
}
