package dev.kevy.server.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.server.compat.Kevy;
import dev.kevy.server.compat.Wire;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Active expiry: 100,000 keys set with PX 50 and never read again disappear on their own within a
 * few seconds, and the shards stay responsive while they delete them (the tick's expiry work is
 * bounded per tick).
 */
class ActiveExpiryTest {

    private static final int KEYS = 100_000;
    private static final int BATCH = 5_000;
    private static final long MAX_PING_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    @Test
    void hundredThousandKeysExpireWithoutBeingReadWhilePingsStayPrompt() {
        try (Kevy kevy = Kevy.start(2); Wire writer = new Wire(kevy.port()); Wire prober = new Wire(kevy.port())) {
            assertEquals("+OK\r\n", writer.callText("SET", "keeper", "stays"));
            for (int from = 0; from < KEYS; from += BATCH) {
                ByteArrayOutputStream batch = new ByteArrayOutputStream();
                for (int i = from; i < from + BATCH; i++) {
                    batch.writeBytes(Wire.encode("SET", "exp:" + i, "v", "PX", "50"));
                }
                writer.send(batch.toByteArray());
                for (int i = 0; i < BATCH; i++) {
                    assertEquals("+OK\r\n", Wire.text(writer.reply()));
                }
            }
            long slowest = 0;
            long pings = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); // about 2 s on a quiet machine
            long size;
            while ((size = dbsize(prober)) > 1) {
                assertTrue(System.nanoTime() < deadline, size + " keys left 10 s after they expired");
                for (int i = 0; i < 20; i++) {
                    long t0 = System.nanoTime();
                    assertEquals("+PONG\r\n", prober.callText("PING"));
                    slowest = Math.max(slowest, System.nanoTime() - t0);
                    pings++;
                }
            }
            System.out.printf("active expiry: %d PINGs while 100k keys expired, slowest %.2f ms%n", pings, slowest / 1e6);
            assertTrue(slowest < MAX_PING_NANOS, "slowest PING during active expiry: " + slowest / 1_000_000 + " ms");
            assertEquals("$5\r\nstays\r\n", prober.callText("GET", "keeper"), "keys without a TTL are untouched");
            assertTrue(MaxClientsTest.infoField(prober, "expired_keys") >= KEYS - 1000,
                    "INFO counts the expired keys (lazily deleted ones are not counted by every version)");
        }
    }

    private static long dbsize(Wire w) {
        return Long.parseLong(w.callText("DBSIZE").substring(1).trim());
    }
}
