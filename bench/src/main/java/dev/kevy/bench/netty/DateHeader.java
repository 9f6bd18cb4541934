package dev.kevy.bench.netty;

import io.netty.handler.codec.DateFormatter;
import io.netty.util.AsciiString;
import java.util.Date;

/**
 * The HTTP Date header's value (RFC 7231 IMF-fixdate), formatted once a second by a task the
 * server schedules rather than once per response: the usual way, and TechEmpower's.
 */
final class DateHeader {

    /** Written by the scheduled refresh, read by every event loop: volatile write pairs with volatile read. */
    private volatile AsciiString value = format();

    AsciiString value() {
        return value;
    }

    void refresh() {
        value = format();
    }

    private static AsciiString format() {
        return new AsciiString(DateFormatter.format(new Date()));
    }
}
