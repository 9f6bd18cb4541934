package dev.kevy.server.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * SPOP and SRANDMEMBER against Redis 7. Replies that involve no chance (errors, a count of 0, a
 * missing key, a set of one member, a pop of the whole set compared sorted) are byte for byte;
 * the others are checked on each server for what the command promises ({@link RandomReplies}),
 * on an intset, a small set of strings and a large set, and repeated picks must reach every
 * member. After a random pop the two servers hold different sets, so each such check works on
 * a key of its own that it deletes afterwards.
 */
class SetRandomCompatTest extends DifferentialBase {

    @Test
    void spopAndSrandmemberRepliesThatInvolveNoChanceAreRedis() {
        try (Differ d = differ()) {
            d.same("SADD", "s", "1", "2", "3");
            d.same("SPOP", "s", "0");
            d.same("SPOP", "s", "-1");
            d.same("SPOP", "s", "-9223372036854775808");
            d.same("SPOP", "s", "abc");
            d.same("SPOP", "s", "1.5");
            d.same("SPOP", "s", "1", "x");
            d.same("SPOP", "missing");
            d.same("SPOP", "missing", "2");
            d.same("SPOP", "missing", "0");
            d.same("SPOP", "missing", "-1");
            d.same("SPOP", "missing", "abc");
            d.same("SRANDMEMBER", "s", "0");
            d.same("SRANDMEMBER", "s", "abc");
            d.same("SRANDMEMBER", "s", "1", "x");
            d.same("SRANDMEMBER", "s", "-9223372036854775808");
            d.same("SRANDMEMBER", "s", "99999999999999999999");
            d.same("SRANDMEMBER", "missing");
            d.same("SRANDMEMBER", "missing", "2");
            d.same("SRANDMEMBER", "missing", "-2");
            d.same("SRANDMEMBER", "missing", "0");
            d.same("SMEMBERS", "s");
            d.same("SADD", "one", "only");
            d.same("SRANDMEMBER", "one");
            d.same("SRANDMEMBER", "one", "1");
            d.same("SRANDMEMBER", "one", "5");
            d.same("SRANDMEMBER", "one", "-3");
            d.same("SADD", "i1", "42");
            d.same("SRANDMEMBER", "i1", "-2");
            d.same("SPOP", "i1", "1");
            d.same("EXISTS", "i1");
            d.sorted("SPOP", "s", "3");
            d.same("EXISTS", "s");
            d.same("SADD", "s", "a", "b", "c");
            d.sorted("SPOP", "s", "9223372036854775807");
            d.same("EXISTS", "s");
            d.same("SPOP", "one");
            d.same("DBSIZE");
            d.assertSame();
        }
    }

    @Test
    void srandmemberKeepsItsPromisesOnEverySize() {
        try (Differ d = differ()) {
            d.same("SADD", "ints", "5", "-1", "300", "70000", "0");
            d.same("SADD", "strs", "a", "b", "", "1", "dd");
            d.same(bigSetCommand("big", 600));
            for (String key : new String[] {"ints", "strs", "big"}) {
                d.onEach((server, w) -> {
                    Set<String> set = RandomReplies.members(w, key);
                    for (long count : new long[] {1, 2, 4, 5, 6, 100, 599, 600, 601, -1, -2, -5, -6, -100, -700}) {
                        RandomReplies.srandmember(server, w, key, count);
                    }
                    for (int i = 0; i < 10; i++) {
                        RandomReplies.picksFrom(server, w, set, "SRANDMEMBER", key);
                    }
                });
                d.same("SCARD", key);
            }
            d.assertSame();
        }
    }

    @Test
    void spopKeepsItsPromisesOnEverySize() {
        long[][] countsBySize = {{1, 2, 0, 7}, {2, 1, 2}, {1, 300, 1, 100, 10, 1000}};
        String[] keys = {"ints", "strs", "big"};
        try (Differ d = differ()) {
            d.same("SADD", "ints", "5", "-1", "300", "70000", "0", "9", "10", "11");
            d.same("SADD", "strs", "a", "b", "", "1", "dd");
            d.same(bigSetCommand("big", 600));
            for (int k = 0; k < keys.length; k++) {
                String key = keys[k];
                long[] counts = countsBySize[k];
                d.onEach((server, w) -> {
                    RandomReplies.spopOne(server, w, key);
                    for (long count : counts) {
                        RandomReplies.spop(server, w, key, count);
                    }
                });
                d.same("EXISTS", key);
            }
            d.same("DBSIZE");
            d.assertSame();
        }
    }

    /**
     * Picks reach every member, so the choice is not always the same one: with 5 members, 200
     * picks of one, 100 replies of ten, or 200 pops from a fresh copy miss a given member with odds
     * below 1e-19.
     */
    @Test
    void spopAndSrandmemberPickEveryMemberOverManyCalls() {
        try (Differ d = differ()) {
            d.same("SADD", "ints", "1", "2", "3", "4", "5");
            d.same("SADD", "strs", "a", "b", "c", "d", "e");
            for (String key : new String[] {"ints", "strs"}) {
                d.onEach((server, w) -> {
                    Set<String> set = RandomReplies.members(w, key);
                    RandomReplies.coversAll(server, w, set, 200, "SRANDMEMBER", key);
                    RandomReplies.coversAll(server, w, set, 200, "SRANDMEMBER", key, "1");
                    RandomReplies.coversAll(server, w, set, 100, "SRANDMEMBER", key, "-10");
                    Set<String> popped = new TreeSet<>();
                    for (int i = 0; i < 200; i++) {
                        w.call(Differ.concat(new String[] {"SADD", "copy"}, set.toArray(String[]::new)));
                        popped.add(RandomReplies.spopOne(server, w, "copy"));
                        popped.addAll(Differ.bulkTexts(w.call("SPOP", "copy", "1")));
                        w.call("DEL", "copy");
                    }
                    assertEquals(set, popped, server + ": SPOP over 200 fresh copies");
                });
                d.same("SCARD", key);
            }
            d.assertSame();
        }
    }

    /** SADD {@code key} with {@code n} integers: more than 512 makes a hashtable. */
    static String[] bigSetCommand(String key, int n) {
        List<String> command = new ArrayList<>(List.of("SADD", key));
        for (int i = 0; i < n; i++) {
            command.add(Integer.toString(i * 7919 % 100_003 - 50_000));
        }
        return command.toArray(String[]::new);
    }
}
