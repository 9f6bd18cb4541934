package dev.kevy.server.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks for the commands whose replies are chosen at random (HRANDFIELD, SRANDMEMBER, SPOP):
 * two servers cannot be asked for the same bytes, so each server's reply is held to what the
 * command promises: how many elements, whether they may repeat, that each is in the collection
 * (with its own value, for WITHVALUES), and what is left behind after a pop. Each check reads the
 * collection first on the same connection, so it works on either server alone.
 */
final class RandomReplies {

    private RandomReplies() {
    }

    /** Hash {@code key} on {@code w}, by HGETALL. */
    static Map<String, String> hash(Wire w, String key) {
        List<String> flat = Differ.bulkTexts(w.call("HGETALL", key));
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            fields.put(flat.get(i), flat.get(i + 1));
        }
        return fields;
    }

    /** Set {@code key} on {@code w}, by SMEMBERS. */
    static Set<String> members(Wire w, String key) {
        return new TreeSet<>(Differ.bulkTexts(w.call("SMEMBERS", key)));
    }

    /**
     * {@code HRANDFIELD key count [WITHVALUES]}: a positive count gives min(count, size) distinct
     * fields, all of them when count reaches the size; a negative count gives exactly -count
     * fields, repeats allowed; every field is in the hash and every value is that field's value.
     */
    static void hrandfield(String server, Wire w, String key, long count, boolean withValues) {
        Map<String, String> hash = hash(w, key);
        String[] command = withValues
                ? new String[] {"HRANDFIELD", key, Long.toString(count), "WITHVALUES"}
                : new String[] {"HRANDFIELD", key, Long.toString(count)};
        String label = server + ": " + String.join(" ", command);
        byte[] reply = w.call(command);
        assertEquals('*', (char) reply[0], label + " answers an array: " + Wire.text(reply));
        List<String> flat = Differ.bulkTexts(reply);
        int step = withValues ? 2 : 1;
        long expected = count >= 0 ? Math.min(count, hash.size()) : -count;
        assertEquals(expected * step, flat.size(), label + " length: " + flat);
        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < flat.size(); i += step) {
            String field = flat.get(i);
            assertTrue(hash.containsKey(field), label + ": " + field + " is not a field");
            if (withValues) {
                assertEquals(hash.get(field), flat.get(i + 1), label + ": the value of " + field);
            }
            distinct.add(field);
        }
        if (count >= 0) {
            assertEquals(expected, distinct.size(), label + ": a positive count never repeats a field: " + flat);
        }
        if (count >= hash.size()) {
            assertEquals(hash.keySet(), distinct, label + ": a count at least the size gives every field");
        }
    }

    /**
     * {@code SRANDMEMBER key count}: a positive count gives min(count, size) distinct members,
     * all of them when count reaches the size; a negative count exactly -count members, repeats
     * allowed; the set is unchanged.
     */
    static void srandmember(String server, Wire w, String key, long count) {
        Set<String> set = members(w, key);
        String label = server + ": SRANDMEMBER " + key + " " + count;
        byte[] reply = w.call("SRANDMEMBER", key, Long.toString(count));
        assertEquals('*', (char) reply[0], label + " answers an array: " + Wire.text(reply));
        List<String> got = Differ.bulkTexts(reply);
        long expected = count >= 0 ? Math.min(count, set.size()) : -count;
        assertEquals(expected, got.size(), label + " length: " + got);
        assertTrue(set.containsAll(got), label + ": " + got + " not all in " + set);
        if (count >= 0) {
            assertEquals(expected, new HashSet<>(got).size(), label + ": a positive count never repeats: " + got);
        }
        if (count >= set.size()) {
            assertEquals(set, new TreeSet<>(got), label + ": a count at least the size gives every member");
        }
        assertEquals(set, members(w, key), label + " leaves the set as it was");
    }

    /**
     * {@code SPOP key count}: min(count, size) distinct members of the set, which are gone from it
     * afterwards while every other member stays; a set popped empty is deleted.
     */
    static void spop(String server, Wire w, String key, long count) {
        Set<String> before = members(w, key);
        String label = server + ": SPOP " + key + " " + count;
        byte[] reply = w.call("SPOP", key, Long.toString(count));
        assertEquals('*', (char) reply[0], label + " answers an array: " + Wire.text(reply));
        List<String> popped = Differ.bulkTexts(reply);
        assertEquals(Math.min(count, before.size()), popped.size(), label + " length: " + popped);
        assertEquals(popped.size(), new HashSet<>(popped).size(), label + ": never repeats: " + popped);
        assertTrue(before.containsAll(popped), label + ": " + popped + " not all in " + before);
        Set<String> left = new TreeSet<>(before);
        popped.forEach(left::remove);
        assertEquals(left, members(w, key), label + ": what is left");
        assertEquals(left.isEmpty() ? ":0\r\n" : ":1\r\n", w.callText("EXISTS", key), label + ": an empty set is deleted");
    }

    /** {@code SPOP key} without a count: one member, gone from the set afterwards. */
    static String spopOne(String server, Wire w, String key) {
        Set<String> before = members(w, key);
        byte[] reply = w.call("SPOP", key);
        assertEquals('$', (char) reply[0], server + ": SPOP " + key + " answers a bulk string: " + Wire.text(reply));
        String member = Differ.bulkText(reply);
        assertTrue(before.contains(member), server + ": SPOP " + key + " gave " + member + ", not in " + before);
        assertFalse(members(w, key).contains(member), server + ": SPOP " + key + " left " + member + " in the set");
        assertEquals(before.size() - 1, members(w, key).size(), server + ": SPOP " + key + " removed one member");
        return member;
    }

    /** {@code command} answers one bulk string, and it is one of {@code universe}. */
    static void picksFrom(String server, Wire w, Set<String> universe, String... command) {
        byte[] reply = w.call(command);
        String label = server + ": " + String.join(" ", command);
        assertEquals('$', (char) reply[0], label + " answers a bulk string: " + Wire.text(reply));
        assertTrue(universe.contains(Differ.bulkText(reply)), label + ": " + Differ.bulkText(reply) + " is not in it");
    }

    /**
     * Sends {@code command} {@code rounds} times and requires every one of {@code expected} to
     * come back at least once, and nothing else (a bulk string reply counts as itself, an array
     * as its elements): a server that always picked the same elements fails. With rounds chosen
     * so that missing any one element by chance is below 1e-15, this is a check, not a coin toss.
     */
    static void coversAll(String server, Wire w, Set<String> expected, int rounds, String... command) {
        String label = server + ": " + String.join(" ", command) + " over " + rounds + " calls";
        Set<String> seen = new TreeSet<>();
        for (int i = 0; i < rounds; i++) {
            byte[] reply = w.call(command);
            if (reply[0] == '$') {
                seen.add(Differ.bulkText(reply));
            } else {
                assertEquals('*', (char) reply[0], label + ": " + Wire.text(reply));
                seen.addAll(Differ.bulkTexts(reply));
            }
        }
        assertEquals(new TreeSet<>(expected), seen, label);
    }
}
