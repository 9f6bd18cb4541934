package dev.kevy.server;

import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.resp.RespCommand;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters CONFIG GET reports, with Redis's names. Read by clients at connect time
 * (redis-benchmark asks for {@code save} and {@code appendonly}), never on a hot path.
 */
final class ConfigValues {

    private final Map<String, String> values = new LinkedHashMap<>();

    ConfigValues(ServerSettings settings, RuntimeConfig runtime) {
        values.put("bind", settings.bind());
        values.put("port", Integer.toString(settings.port()));
        values.put("databases", "1");
        values.put("save", "");
        values.put("appendonly", "no");
        values.put("requirepass", settings.requirePass() == null ? "" : settings.requirePass());
        values.put("maxmemory", Long.toString(settings.maxMemory()));
        values.put("maxclients", Integer.toString(runtime.maxClients()));
        values.put("proto-max-bulk-len", Long.toString(runtime.respLimits().maxBulkLength()));
        values.put("client-query-buffer-limit", Long.toString(runtime.queryBufferLimit()));
        values.put("timeout", "0");
        values.put("tcp-backlog", Integer.toString(runtime.listenBacklog()));
        values.put("shards", Integer.toString(settings.shards()));
        values.put("spin-limit", Integer.toString(runtime.idle().spinLimit()));
        values.put("park-timeout-ms", Long.toString(runtime.idle().parkTimeoutNanos() / 1_000_000L));
    }

    /** Name/value pairs of every parameter matching any of the patterns from argument {@code first}. */
    void get(RespCommand c, int first, OutputBuffer out) {
        int matched = 0;
        byte[][] pairs = new byte[values.size() * 2][];
        for (Map.Entry<String, String> e : values.entrySet()) {
            MemorySegment name = MemorySegment.ofArray(e.getKey().getBytes(StandardCharsets.US_ASCII));
            for (int i = first; i < c.argc(); i++) {
                if (Glob.matches(c.buffer(), c.offset(i), c.length(i), name, 0, name.byteSize(), true)) {
                    pairs[matched++] = e.getKey().getBytes(StandardCharsets.US_ASCII);
                    pairs[matched++] = e.getValue().getBytes(StandardCharsets.UTF_8);
                    break;
                }
            }
        }
        RespWriter.arrayHeader(out, matched);
        for (int i = 0; i < matched; i++) {
            RespWriter.bulk(out, pairs[i]);
        }
    }
}
