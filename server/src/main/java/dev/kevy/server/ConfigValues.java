package dev.kevy.server;

import dev.kevy.io.resp.RespCommand;
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
    void get(RespCommand c, int first, OutputBuffer out) {
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
        RespWriter.arrayHeader(out, matched);
        for (int i = 0; i < matched; i++) {
            RespWriter.bulk(out, pairs[i]);
        }
    }

    /** CONFIG SET name value [name value ...]: all or nothing is checked per pair, as Redis 7 does. */
    void set(RespCommand c, int first, OutputBuffer out) {
        if ((c.argc() - first) % 2 != 0) {
            out.writeAscii("-ERR wrong number of arguments for 'config|set' command\r\n");
            return;
        }
        try {
            for (int i = first; i < c.argc(); i += 2) {
                settings.set(c.toString(i), c.toString(i + 1));
            }
            RespWriter.ok(out);
        } catch (LiveSettings.Rejected e) {
            RespWriter.error(out, "ERR " + e.getMessage());
        }
    }
}
