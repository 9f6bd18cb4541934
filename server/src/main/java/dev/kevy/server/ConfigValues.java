package dev.kevy.server;

import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** CONFIG GET and CONFIG SET over the {@link LiveSettings}; not a hot path, so it may allocate. */
final class ConfigValues {

    private final LiveSettings settings;

    ConfigValues(LiveSettings settings) {
        this.settings = settings;
    }

    /** Name/value pairs of every parameter matching any of the patterns from argument {@code first}. */
    void get(Request c, int first, OutputBuffer out) {
        Map<String, String> values = settings.snapshot();
        byte[][] pairs = new byte[values.size() * 2][];
        int matched = 0;
        for (Map.Entry<String, String> e : values.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.US_ASCII);
            MemorySegment n = MemorySegment.ofArray(name);
            for (int i = first; i < c.argc(); i++) {
                if (Glob.matches(c.buffer(), c.offset(i), c.length(i), n, 0, name.length, true)) {
                    pairs[matched++] = name;
                    pairs[matched++] = e.getValue().getBytes(StandardCharsets.UTF_8);
                    break;
                }
            }
        }
        RespWriter.mapHeader(out, matched / 2);
        for (int i = 0; i < matched; i++) {
            RespWriter.bulk(out, pairs[i]);
        }
    }

    /**
     * CONFIG SET name value [name value ...], all or nothing as in Redis 7: names are checked
     * first (unknown, immutable, given twice), then values are applied in order, and a bad value
     * undoes the ones applied before it.
     */
    void set(Request c, int first, OutputBuffer out) {
        if ((c.argc() - first) % 2 != 0) {
            out.writeAscii("-ERR wrong number of arguments for 'config|set' command\r\n");
            return;
        }
        int pairs = (c.argc() - first) / 2;
        String[] names = new String[pairs];
        String[] values = new String[pairs];
        for (int i = 0; i < pairs; i++) {
            names[i] = c.toString(first + 2 * i);
            values[i] = c.toString(first + 2 * i + 1);
        }
        try {
            settings.setAll(names, values);
            RespWriter.ok(out);
        } catch (LiveSettings.Rejected e) {
            RespWriter.error(out, e.getMessage()); // writes the "-ERR " itself
        }
    }
}
