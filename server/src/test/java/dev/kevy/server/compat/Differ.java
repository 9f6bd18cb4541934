package dev.kevy.server.compat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Sends the same commands to Redis and to kevy, one connection to each, and records every reply
 * that differs. Most replies must be byte-identical; a few kinds are compared after a documented
 * normalisation (array order, a time tolerance, the shape only). {@link #assertSame()} fails with
 * every mismatch at once, so one run shows the whole difference; {@link #close()} fails with any
 * mismatch recorded after the last {@code assertSame()}, so a comparison a test forgot to assert
 * is not lost.
 */
public final class Differ implements AutoCloseable {

    private final Wire redis;
    private final Wire kevy;
    private final List<String> mismatches = new ArrayList<>();
    private int compared;
    /** Mismatches {@link #assertSame()} has already reported. */
    private int reported;

    public Differ(int redisPort, int kevyPort) {
        this.redis = new Wire(redisPort);
        this.kevy = new Wire(kevyPort);
    }

    public Wire redis() {
        return redis;
    }

    public Wire kevy() {
        return kevy;
    }

    /** Both replies must be the same bytes. Returns kevy's reply. */
    public byte[] same(String... command) {
        byte[] r = redis.call(command);
        byte[] k = kevy.call(command);
        check(command, r, k, Arrays.equals(r, k));
        return k;
    }

    /** Sends a raw request (pipelines, inline commands) to both; {@code replies} replies must match exactly. */
    public void sameRaw(String label, byte[] request, int replies) {
        redis.send(request);
        kevy.send(request);
        for (int i = 0; i < replies; i++) {
            byte[] r = redis.reply();
            byte[] k = kevy.reply();
            check(new String[] {label + " #" + i}, r, k, Arrays.equals(r, k));
        }
    }

    /**
     * A command after which the server closes the connection (QUIT): each server's bytes up to
     * the end of the stream, read until both have closed, must be the same. A server that keeps
     * the connection open for {@link Wire#READ_TIMEOUT_MILLIS} is a mismatch.
     */
    public void sameThenClosed(String... command) {
        redis.send(command);
        kevy.send(command);
        byte[] r = untilClosed(redis);
        byte[] k = untilClosed(kevy);
        check(command, r, k, r != null && k != null && Arrays.equals(r, k));
    }

    /** What {@code wire}'s server sent until it closed the connection, or {@code null} if it never did. */
    private static byte[] untilClosed(Wire wire) {
        try {
            return wire.readUntilClosedOrReset();
        } catch (java.io.UncheckedIOException timedOut) {
            return null;
        }
    }

    /**
     * Replies whose content depends on the server's internals (a page of a SCAN from an arbitrary
     * cursor): the same type, and the same bytes when it is an error.
     */
    public void sameKind(String... command) {
        byte[] r = redis.call(command);
        byte[] k = kevy.call(command);
        check(command, r, k, r[0] == k[0] && (r[0] != '-' || Arrays.equals(r, k)));
    }

    /** Arrays (or RESP3 sets) whose order is unspecified (KEYS, SMEMBERS): equal after sorting their elements. */
    public void sorted(String... command) {
        byte[] r = redis.call(command);
        byte[] k = kevy.call(command);
        check(command, r, k, Arrays.equals(sortedArray(r), sortedArray(k)));
    }

    /** Flat arrays of name/value pairs whose pair order is unspecified (CONFIG GET of several patterns). */
    public void sortedPairs(String... command) {
        byte[] r = redis.call(command);
        byte[] k = kevy.call(command);
        check(command, r, k, pairSet(r).equals(pairSet(k)) && r[0] == k[0]);
    }

    private static TreeSet<String> pairSet(byte[] reply) {
        List<byte[]> e = elements(reply);
        TreeSet<String> pairs = new TreeSet<>();
        for (int i = 0; i + 1 < e.size(); i += 2) {
            pairs.add(Wire.text(e.get(i)) + "=" + Wire.text(e.get(i + 1)));
        }
        return pairs;
    }

    /** Integer replies that depend on the clock (TTL, PTTL): equal within {@code tolerance}. */
    public void near(long tolerance, String... command) {
        byte[] r = redis.call(command);
        byte[] k = kevy.call(command);
        boolean ok = r.length > 0 && r[0] == ':' && k.length > 0 && k[0] == ':'
                && Math.abs(integer(r) - integer(k)) <= tolerance;
        check(command, r, k, ok || Arrays.equals(r, k));
    }

    /**
     * Replies whose values legitimately differ (CONFIG GET): the same type, the same element count,
     * and for a flat array of name/value pairs the same names.
     */
    public void shape(String... command) {
        byte[] r = redis.call(command);
        byte[] k = kevy.call(command);
        boolean ok = r[0] == k[0];
        if (ok && r[0] == '*') {
            List<byte[]> re = elements(r);
            List<byte[]> ke = elements(k);
            ok = re.size() == ke.size() && names(re).equals(names(ke));
        }
        check(command, r, k, ok);
    }

    /**
     * SCAN with {@code options} until cursor 0 on both: the same set of keys (order and batch sizes
     * are the server's business), and no key outside it.
     */
    public void scanSame(String... options) {
        TreeSet<String> r = scanAll(redis, options);
        TreeSet<String> k = scanAll(kevy, options);
        String[] label = concat(new String[] {"SCAN-to-0"}, options);
        compared++;
        if (!r.equals(k)) {
            mismatches.add(String.join(" ", label) + "\n    redis: " + r + "\n    kevy:  " + k);
        }
    }

    /** Every key SCAN returns from cursor 0 until it says 0 again. */
    public static TreeSet<String> scanAll(Wire w, String... options) {
        TreeSet<String> keys = new TreeSet<>();
        String cursor = "0";
        int rounds = 0;
        do {
            byte[] reply = w.call(concat(new String[] {"SCAN", cursor}, options));
            List<byte[]> parts = elements(reply);
            if (parts.size() != 2) {
                throw new AssertionError("SCAN reply is not a pair: " + Wire.text(reply));
            }
            cursor = bulkText(parts.get(0));
            for (byte[] key : elements(parts.get(1))) {
                keys.add(bulkText(key));
            }
            if (++rounds > 1_000_000) {
                throw new AssertionError("SCAN did not end");
            }
        } while (!cursor.equals("0"));
        return keys;
    }

    /**
     * {@code command} (HSCAN or SSCAN) of {@code key} with {@code options}, from cursor 0 until
     * cursor 0 on both: the same members, or for HSCAN the same field/value pairs. Once a hash or
     * set outgrows its compact encoding its pages and cursors are the server's business, like
     * SCAN's. For a successful scan only: compare an error with {@link #same}.
     */
    public void keyScanSame(String command, String key, String... options) {
        String r = keyScanOrFailure(redis, command, key, options);
        String k = keyScanOrFailure(kevy, command, key, options);
        String[] label = concat(new String[] {command + "-to-0", key}, options);
        compared++;
        if (!r.equals(k)) {
            mismatches.add(show(label) + "\n    redis: " + r + "\n    kevy:  " + k);
        }
    }

    /** What {@link #keyScanAll} found, or why it could not finish, so a failed scan is one mismatch among the rest. */
    private static String keyScanOrFailure(Wire w, String command, String key, String... options) {
        try {
            return keyScanAll(w, command, key, options).toString();
        } catch (AssertionError notAScan) {
            return "(failed: " + notAScan.getMessage() + ")";
        }
    }

    /**
     * Every member (SSCAN) or field/value pair (HSCAN, as {@code length:field=value}, which no
     * two distinct pairs share) that {@code command} returns for {@code key} from cursor 0 until
     * it says 0 again.
     */
    public static TreeSet<String> keyScanAll(Wire w, String command, String key, String... options) {
        boolean pairs = !command.equalsIgnoreCase("SSCAN");
        TreeSet<String> found = new TreeSet<>();
        String cursor = "0";
        int rounds = 0;
        do {
            byte[] reply = w.call(concat(new String[] {command, key, cursor}, options));
            List<byte[]> parts = elements(reply);
            if (parts.size() != 2) {
                throw new AssertionError(command + " reply is not a pair: " + Wire.text(reply));
            }
            cursor = bulkText(parts.get(0));
            List<String> page = bulkTexts(parts.get(1));
            if (pairs && page.size() % 2 != 0) {
                throw new AssertionError(command + " page of an odd length: " + page);
            }
            for (int i = 0; i < page.size(); i += pairs ? 2 : 1) {
                found.add(pairs ? page.get(i).length() + ":" + page.get(i) + "=" + page.get(i + 1) : page.get(i));
            }
            if (++rounds > 1_000_000) {
                throw new AssertionError(command + " did not end");
            }
        } while (!cursor.equals("0"));
        return found;
    }

    /**
     * Runs {@code check} on each server's connection, named "redis" then "kevy": for random
     * replies (SPOP, SRANDMEMBER, HRANDFIELD), which are checked for their properties on each
     * server rather than compared.
     */
    public void onEach(BiConsumer<String, Wire> check) {
        check.accept("redis", redis);
        check.accept("kevy", kevy);
    }

    private void check(String[] command, byte[] redisReply, byte[] kevyReply, boolean ok) {
        compared++;
        if (!ok) {
            mismatches.add(show(command) + "\n    redis: " + printable(redisReply) + "\n    kevy:  " + printable(kevyReply));
        }
    }

    /** Fails listing every mismatch recorded so far. */
    public void assertSame() {
        reported = mismatches.size();
        if (!mismatches.isEmpty()) {
            throw new AssertionError(mismatches.size() + " of " + compared + " replies differ from Redis:\n"
                    + String.join("\n", mismatches));
        }
        if (compared == 0) {
            throw new AssertionError("nothing was compared");
        }
    }

    public int compared() {
        return compared;
    }

    /**
     * Closes both connections, then fails with the mismatches no {@link #assertSame()} reported.
     * Unlike {@code assertSame()} it accepts a differ that compared nothing (one used for raw
     * reads only).
     */
    @Override
    public void close() {
        try {
            redis.close();
        } finally {
            kevy.close();
        }
        if (mismatches.size() > reported) {
            List<String> unreported = mismatches.subList(reported, mismatches.size());
            throw new AssertionError(unreported.size() + " replies differ from Redis, unreported by assertSame():\n"
                    + String.join("\n", unreported));
        }
    }

    // ---- reply helpers ----

    static long integer(byte[] reply) {
        return Long.parseLong(Wire.text(reply).substring(1).trim());
    }

    /**
     * The elements of a top-level array reply (or RESP3 set, push, or map, whose keys and values
     * come in turn), each as its own encoded bytes.
     */
    public static List<byte[]> elements(byte[] reply) {
        List<byte[]> out = new ArrayList<>();
        if (reply.length == 0 || reply[0] != '*' && reply[0] != '~' && reply[0] != '>' && reply[0] != '%') {
            return out;
        }
        int[] at = {0};
        long n = Long.parseLong(line(reply, at).substring(1)) * (reply[0] == '%' ? 2 : 1);
        for (long i = 0; i < n; i++) {
            int start = at[0];
            skip(reply, at);
            out.add(Arrays.copyOfRange(reply, start, at[0]));
        }
        return out;
    }

    /** The text of a bulk string reply. */
    public static String bulkText(byte[] reply) {
        int[] at = {0};
        String header = line(reply, at);
        int len = Integer.parseInt(header.substring(1));
        return len < 0 ? null : Wire.text(Arrays.copyOfRange(reply, at[0], at[0] + len));
    }

    /**
     * The texts of a flat array reply's bulk strings, {@code null} for a nil; empty for a reply
     * that is not an array.
     */
    public static List<String> bulkTexts(byte[] reply) {
        List<String> out = new ArrayList<>();
        for (byte[] e : elements(reply)) {
            if (e[0] != '$') {
                throw new AssertionError("not a bulk string: " + Wire.text(e));
            }
            out.add(bulkText(e));
        }
        return out;
    }

    private static void skip(byte[] b, int[] at) {
        String l = line(b, at);
        switch (l.charAt(0)) {
            case '$', '=' -> {
                int len = Integer.parseInt(l.substring(1));
                at[0] += len < 0 ? 0 : len + 2;
            }
            case '*', '~', '>', '%' -> {
                long n = Long.parseLong(l.substring(1)) * (l.charAt(0) == '%' ? 2 : 1);
                for (long i = 0; i < n; i++) {
                    skip(b, at);
                }
            }
            default -> {
            }
        }
    }

    private static String line(byte[] b, int[] at) {
        int start = at[0];
        while (!(b[at[0]] == '\r' && b[at[0] + 1] == '\n')) {
            at[0]++;
        }
        String s = Wire.text(Arrays.copyOfRange(b, start, at[0]));
        at[0] += 2;
        return s;
    }

    private static byte[] sortedArray(byte[] reply) {
        if (reply.length == 0 || reply[0] != '*' && reply[0] != '~') {
            return reply;
        }
        List<byte[]> e = elements(reply);
        e.sort(Comparator.comparing(Wire::text));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Wire.bytes((char) reply[0] + "" + e.size() + "\r\n"));
        e.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static TreeSet<String> names(List<byte[]> pairs) {
        TreeSet<String> names = new TreeSet<>();
        for (int i = 0; i < pairs.size(); i += 2) {
            names.add(Wire.text(pairs.get(i)));
        }
        return names;
    }

    static String[] concat(String[] a, String[] b) {
        String[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static String show(String[] command) {
        StringBuilder s = new StringBuilder();
        for (String a : command) {
            s.append(s.isEmpty() ? "" : " ").append(a.length() > 60 ? a.substring(0, 60) + "...(" + a.length() + ")" : a);
        }
        return s.toString();
    }

    private static String printable(byte[] b) {
        if (b == null) {
            return "(connection still open)";
        }
        String t = Wire.text(b).replace("\r\n", "\\r\\n");
        return t.length() > 300 ? t.substring(0, 300) + "...(" + b.length + " bytes)" : t;
    }
}
