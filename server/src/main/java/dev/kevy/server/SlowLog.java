package dev.kevy.server;

import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One shard's SLOWLOG: the most recent commands that ran longer than the threshold, newest
 * first, with Redis's entry format (id, unix time, microseconds, arguments, client address, name).
 *
 * <p>Recording a slow command copies its arguments to the heap (at most 32, each cut to 128
 * bytes, as Redis does); only slow commands pay for it. Ids are unique across shards
 * ({@code local * shards + shard}), so a merged SLOWLOG GET can order entries.
 */
final class SlowLog {

    private static final int MAX_ARGS = 32;
    private static final int MAX_ARG_BYTES = 128;

    private final int shard;
    private final int shards;
    /** Newest first. Grows with the entries, never to slowlog-max-len up front (which may be huge). */
    private final java.util.ArrayDeque<Entry> entries = new java.util.ArrayDeque<>();
    private long nextLocalId;

    private record Entry(long id, long unixSeconds, long micros, byte[][] args, String client, byte[] name) {
    }

    SlowLog(int shard, int shards) {
        this.shard = shard;
        this.shards = shards;
    }

    /** Records {@code c} if it took at least {@code thresholdMicros} (negative disables the log). */
    void maybeRecord(Request c, long micros, long thresholdMicros, int maxLen, long nowMillis, String client,
                     byte[] name) {
        if (thresholdMicros < 0 || micros < thresholdMicros || maxLen == 0) {
            return;
        }
        int argc = Math.min(c.argc(), MAX_ARGS);
        byte[][] args = new byte[argc][];
        for (int i = 0; i < argc; i++) {
            if (i == MAX_ARGS - 1 && c.argc() > MAX_ARGS) {
                args[i] = ("... (" + (c.argc() - MAX_ARGS + 1) + " more arguments)").getBytes();
                break;
            }
            long len = c.length(i);
            int take = (int) Math.min(len, MAX_ARG_BYTES);
            byte[] a = new byte[take];
            MemorySegment.copy(c.buffer(), ValueLayout.JAVA_BYTE, c.offset(i), a, 0, take);
            if (len > MAX_ARG_BYTES) {
                a = (new String(a, java.nio.charset.StandardCharsets.ISO_8859_1) + "... (" + (len - MAX_ARG_BYTES)
                        + " more bytes)").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            }
            args[i] = a;
        }
        entries.addFirst(new Entry(nextLocalId++ * shards + shard, nowMillis / 1000, micros, args, client, name));
        while (entries.size() > maxLen) {
            entries.removeLast();
        }
    }

    int length() {
        return entries.size();
    }

    void reset() {
        entries.clear();
    }

    /** The newest {@code count} entries (all when negative), newest first. */
    void write(long count, OutputBuffer out) {
        int n = count < 0 ? entries.size() : (int) Math.min(count, entries.size());
        RespWriter.arrayHeader(out, n);
        java.util.Iterator<Entry> newestFirst = entries.iterator();
        for (int i = 0; i < n; i++) {
            Entry e = newestFirst.next();
            RespWriter.arrayHeader(out, 6);
            RespWriter.integer(out, e.id());
            RespWriter.integer(out, e.unixSeconds());
            RespWriter.integer(out, e.micros());
            RespWriter.arrayHeader(out, e.args().length);
            for (byte[] a : e.args()) {
                RespWriter.bulk(out, a);
            }
            RespWriter.bulk(out, e.client().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            RespWriter.bulk(out, e.name() == null ? new byte[0] : e.name());
        }
    }

    /** Bytes of a request's arguments, from the first's start to the last's end. */
    static long requestBytes(dev.kevy.io.codec.Request c) {
        int last = c.argc() - 1;
        return c.offset(last) + c.length(last) - c.offset(0);
    }
}
