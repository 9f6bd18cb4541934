package dev.kevy.server.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Redis's 64 KiB line limit ({@code PROTO_INLINE_MAX_SIZE}) as a client sees it: Redis checks it
 * after each 16 KiB read, so a longer line that arrives whole with its newline is served, and a
 * header or inline line that does not end is refused with Redis's error and the connection closed.
 */
class LineLimitsCompatTest extends DifferentialBase {

    @Test
    void seventyKilobyteInlineSetSentInOneWriteIsServedAsByRedis() {
        String value = "v".repeat(70_000);
        try (Differ d = differ()) {
            d.sameRaw("70 KB inline SET", Wire.bytes("SET big " + value + "\r\nSTRLEN big\r\n"), 2);
            d.same("GET", "big");
            d.assertSame();
        }
    }

    @Test
    void linesThatDoNotEndInTimeGetRedisErrorAndTheConnectionCloses() {
        String[] requests = {
            "SET k " + "v".repeat(90_000) + "\r\n",  // newline beyond 64 KiB plus one read
            "*3" + "1".repeat(70_000),               // multibulk count without CRLF
            "*3\r\n$" + "1".repeat(70_000),          // bulk length without CRLF
            "*" + "1".repeat(70_000) + "\r\n",       // a long count that does end: judged on its value
            "GET " + "k".repeat(70_000),             // inline, no newline at all
        };
        for (String raw : requests) {
            try (Differ d = differ()) {
                byte[] request = Wire.bytes(raw);
                d.redis().send(request);
                d.kevy().send(request);
                String redis = Wire.text(d.redis().readUntilClosedOrReset());
                String kevy = Wire.text(d.kevy().readUntilClosedOrReset());
                String label = raw.substring(0, 12).replace("\r\n", "\\r\\n") + "... (" + raw.length() + " bytes)";
                assertEquals(redis, kevy, label);
                assertEquals('-', kevy.charAt(0), label + ": an error reply");
            }
        }
    }
}
