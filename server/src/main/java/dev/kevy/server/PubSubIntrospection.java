package dev.kevy.server;

import dev.kevy.io.Reducer;
import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * PUBSUB CHANNELS, NUMSUB, NUMPAT, SHARDCHANNELS, SHARDNUMSUB and HELP. Each shard knows only its
 * own clients' subscriptions, so every subcommand but HELP runs on every shard and a reducer
 * merges the parts: the union of channel names (one channel may have subscribers on several
 * shards), the sum of per-channel counts, the number of distinct patterns. Introspection is rare
 * and allocates; publishing does not go through here.
 */
final class PubSubIntrospection {

    private static final byte[] SYNTAX = dev.kevy.server.command.Replies.bytes(
            "-ERR unknown subcommand or wrong number of arguments for '%s'. Try PUBSUB HELP.\r\n");

    private PubSubIntrospection() {
    }

    /** This shard's part of a PUBSUB subcommand (or the whole reply of HELP). */
    static void localPart(Subscriptions[] tables, Request c, OutputBuffer out) {
        if (c.equalsIgnoreCase(1, "HELP")) {
            help(out);
        } else if (c.equalsIgnoreCase(1, "CHANNELS") || c.equalsIgnoreCase(1, "SHARDCHANNELS")) {
            if (c.argc() > 3) {
                out.writeBytes(syntaxError(c));
                return;
            }
            Subscriptions t = tables[c.equalsIgnoreCase(1, "CHANNELS") ? PubSub.CHANNEL : PubSub.SHARD];
            int n = 0;
            for (int i = 0; i < t.size(); i++) {
                n += matches(c, t.at(i)) ? 1 : 0;
            }
            RespWriter.arrayHeader(out, n);
            for (int i = 0; i < t.size(); i++) {
                if (matches(c, t.at(i))) {
                    RespWriter.bulk(out, t.at(i).name);
                }
            }
        } else if (c.equalsIgnoreCase(1, "NUMSUB") || c.equalsIgnoreCase(1, "SHARDNUMSUB")) {
            Subscriptions t = tables[c.equalsIgnoreCase(1, "NUMSUB") ? PubSub.CHANNEL : PubSub.SHARD];
            RespWriter.arrayHeader(out, 2L * (c.argc() - 2));
            for (int i = 2; i < c.argc(); i++) {
                Subscriptions.Entry e = t.find(c.buffer(), c.offset(i), c.length(i));
                RespWriter.bulk(out, c.buffer(), c.offset(i), c.length(i));
                RespWriter.integer(out, e == null ? 0 : e.count);
            }
        } else { // NUMPAT: the names, counted once across shards by the reducer
            Subscriptions t = tables[PubSub.PATTERN];
            RespWriter.arrayHeader(out, t.size());
            for (int i = 0; i < t.size(); i++) {
                RespWriter.bulk(out, t.at(i).name);
            }
        }
    }

    private static boolean matches(Request c, Subscriptions.Entry e) {
        return c.argc() < 3 || Glob.matches(c.buffer(), c.offset(2), c.length(2), e.segment, 0, e.name.length, false);
    }

    private static byte[] syntaxError(Request c) {
        String s = new String(SYNTAX, StandardCharsets.ISO_8859_1).replace("%s", c.toString(1));
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The reducer that merges the shards' parts of {@code c}, a PUBSUB subcommand other than HELP. */
    static Reducer reducer(Request c) {
        if (c.equalsIgnoreCase(1, "NUMSUB") || c.equalsIgnoreCase(1, "SHARDNUMSUB")) {
            return PubSubIntrospection::sumCounts;
        }
        if (c.equalsIgnoreCase(1, "NUMPAT")) {
            return (parts, reply) -> RespWriter.integer(reply, union(parts, reply).size());
        }
        return (parts, reply) -> {
            Set<String> names = union(parts, reply);
            if (names == null) {
                return;
            }
            RespWriter.arrayHeader(reply, names.size());
            for (String n : names) {
                RespWriter.bulk(reply, n.getBytes(StandardCharsets.ISO_8859_1));
            }
        };
    }

    /** The distinct names of every part's array, or {@code null} after copying a part's error to the reply. */
    private static Set<String> union(Reducer.Parts parts, OutputBuffer reply) {
        Set<String> names = new LinkedHashSet<>();
        for (int p = 0; p < parts.count(); p++) {
            MemorySegment s = parts.segment();
            long at = parts.offset(p);
            if (s.get(ValueLayout.JAVA_BYTE, at) == '-') {
                reply.writeBytes(s, at, parts.length(p));
                return null;
            }
            long[] pos = {at};
            long n = header(s, pos);
            for (long i = 0; i < n; i++) {
                names.add(bulk(s, pos));
            }
        }
        return names;
    }

    /** NUMSUB: every part lists the same channels in the same order; their counts are summed. */
    private static void sumCounts(Reducer.Parts parts, OutputBuffer reply) {
        MemorySegment s = parts.segment();
        long[][] positions = new long[parts.count()][];
        long pairs = 0;
        for (int p = 0; p < parts.count(); p++) {
            positions[p] = new long[] {parts.offset(p)};
            pairs = header(s, positions[p]) / 2;
        }
        RespWriter.arrayHeader(reply, pairs * 2);
        for (long i = 0; i < pairs; i++) {
            String name = null;
            long total = 0;
            for (int p = 0; p < parts.count(); p++) {
                name = bulk(s, positions[p]);
                total += header(s, positions[p]);
            }
            RespWriter.bulk(reply, name.getBytes(StandardCharsets.ISO_8859_1));
            RespWriter.integer(reply, total);
        }
    }

    /** Reads a {@code *n}, {@code $n} or {@code :n} line at {@code pos[0]}, moving past it. */
    private static long header(MemorySegment s, long[] pos) {
        long at = pos[0] + 1;
        boolean negative = s.get(ValueLayout.JAVA_BYTE, at) == '-';
        if (negative) {
            at++;
        }
        long v = 0;
        byte b;
        while ((b = s.get(ValueLayout.JAVA_BYTE, at)) != '\r') {
            v = v * 10 + (b - '0');
            at++;
        }
        pos[0] = at + 2;
        return negative ? -v : v;
    }

    private static String bulk(MemorySegment s, long[] pos) {
        int length = (int) header(s, pos);
        byte[] b = new byte[length];
        MemorySegment.copy(s, ValueLayout.JAVA_BYTE, pos[0], b, 0, length);
        pos[0] += length + 2;
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static void help(OutputBuffer out) {
        ServerCommands.help(out, "PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "CHANNELS [<pattern>]",
                "    Return the currently active channels matching a <pattern> (default: '*').",
                "NUMPAT", "    Return number of subscriptions to patterns.",
                "NUMSUB [<channel> ...]",
                "    Return the number of subscribers for the specified channels, excluding",
                "    pattern subscriptions(default: no channels).",
                "SHARDCHANNELS [<pattern>]",
                "    Return the currently active shard level channels matching a <pattern> (default: '*').",
                "SHARDNUMSUB [<shardchannel> ...]",
                "    Return the number of subscribers for the specified shard level channel(s)",
                "HELP", "    Prints this help.");
    }
}
