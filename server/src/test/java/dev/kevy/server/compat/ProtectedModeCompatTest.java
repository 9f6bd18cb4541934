package dev.kevy.server.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Protected mode against a live Redis, over loopback only: a client whose source address is
 * 127.0.0.2 is not "local" to Redis (only 127.0.0.1 and ::1 are), so it is refused with DENIED
 * while protected mode is on and no password is set, and served otherwise.
 */
class ProtectedModeCompatTest extends DifferentialBase {

    private static final String OTHER_LOOPBACK = "127.0.0.2";

    @Test
    void aClientFromAnotherLoopbackAddressIsDeniedAsByRedisUntilProtectedModeIsOffOrAPasswordSet() {
        String redisDenied = fromOtherAddress(redis.port(), "PING");
        assertTrue(redisDenied.startsWith("-DENIED Redis is running in protected mode"), redisDenied);
        assertEquals(redisDenied, fromOtherAddress(kevy.port(), "PING"), "denied, then closed, as Redis");
        try (Differ d = differ()) {
            d.same("CONFIG", "GET", "protected-mode");
            d.same("CONFIG", "SET", "protected-mode", "maybe");
            d.same("CONFIG", "SET", "protected-mode", "NO");
            d.same("CONFIG", "GET", "protected-mode");
            d.assertSame();
            assertEquals("+PONG\r\n", fromOtherAddress(redis.port(), "PING"));
            assertEquals("+PONG\r\n", fromOtherAddress(kevy.port(), "PING"), "served with protected mode off");

            d.same("CONFIG", "SET", "protected-mode", "yes");
            d.same("CONFIG", "SET", "requirepass", "pm-pass");
            String redisNoauth = fromOtherAddress(redis.port(), "PING");
            assertTrue(redisNoauth.startsWith("-NOAUTH"), redisNoauth);
            assertEquals(redisNoauth, fromOtherAddress(kevy.port(), "PING"), "a password lifts protected mode");
            d.same("CONFIG", "SET", "requirepass", "");
            assertEquals(redisDenied, fromOtherAddress(kevy.port(), "PING"), "and removing it restores it");
            d.assertSame();
        }
    }

    /**
     * Connects from 127.0.0.2 to 127.0.0.1:{@code port}, sends one inline command, half-closes,
     * and returns everything the server sent until it closed (a reset after a reply ends it too).
     */
    private static String fromOtherAddress(int port, String inline) {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(OTHER_LOOPBACK), 0));
            s.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), Wire.READ_TIMEOUT_MILLIS);
            s.setSoTimeout(Wire.READ_TIMEOUT_MILLIS);
            s.getOutputStream().write((inline + "\r\n").getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput(); // the server closes once it has answered: end of stream either way
            return Wire.text(Wire.readUntilClosedOrReset(s.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
