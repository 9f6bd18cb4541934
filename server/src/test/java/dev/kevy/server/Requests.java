package dev.kevy.server;

import dev.kevy.io.codec.Request;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/** Decoded requests for unit tests of the handler: each argument's bytes laid out in one off-heap segment. */
final class Requests {

    private Requests() {
    }

    /** A request of {@code args}, each char one byte (ISO-8859-1), its tag 0 as a codec leaves it. */
    static Request of(String... args) {
        long total = 0;
        for (String a : args) {
            total += a.length();
        }
        MemorySegment s = Arena.ofAuto().allocate(Math.max(1, total));
        Request r = new Request();
        r.clear();
        long at = 0;
        for (int i = 0; i < args.length; i++) {
            byte[] b = args[i].getBytes(StandardCharsets.ISO_8859_1);
            MemorySegment.copy(b, 0, s, ValueLayout.JAVA_BYTE, at, b.length);
            r.field(i, at, b.length);
            at += b.length;
        }
        r.complete(s, args.length);
        return r;
    }
}
