package dev.kevy.server.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/**
 * The differ itself, against two scripted one-connection servers instead of Redis and kevy: a
 * difference it records fails the test even when no {@code assertSame()} asks, and a command
 * that closes the connection is compared on everything sent before the end of the stream, and a
 * hash or set scan compares what it found, not the order it found it in.
 */
class DifferSelfTest {

    /**
     * A server that accepts one connection, reads one request of {@code request}'s length,
     * answers {@code reply}, then closes the connection (or, unless {@code closes}, waits for the
     * client to close it). Returns its port.
     */
    private static int scripted(String[] request, String reply, boolean closes) {
        try {
            ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            Thread.ofPlatform().daemon().start(() -> {
                try (server; Socket s = server.accept()) {
                    s.getInputStream().readNBytes(Wire.encode(request).length);
                    s.getOutputStream().write(Wire.bytes(reply));
                    if (!closes) {
                        s.getInputStream().read(); // until the client closes
                    }
                } catch (IOException e) {
                    // the client went away: nothing left to script
                }
            });
            return server.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void closeFailsWithADifferenceNoAssertSameReported() {
        String[] ping = {"PING"};
        Differ d = new Differ(scripted(ping, "+PONG\r\n", false), scripted(ping, "+PANG\r\n", false));
        d.same(ping);
        AssertionError e = assertThrows(AssertionError.class, d::close);
        assertTrue(e.getMessage().contains("redis: +PONG\\r\\n") && e.getMessage().contains("kevy:  +PANG\\r\\n"),
                e.getMessage());
    }

    @Test
    void closeAfterAssertSameReportedTheDifferenceDoesNotReportItAgain() {
        String[] ping = {"PING"};
        Differ d = new Differ(scripted(ping, "+PONG\r\n", false), scripted(ping, "+PANG\r\n", false));
        d.same(ping);
        assertThrows(AssertionError.class, d::assertSame);
        d.close();
    }

    @Test
    void sameThenClosedComparesEveryByteBeforeTheEndOfStream() {
        String[] quit = {"QUIT"};
        try (Differ d = new Differ(scripted(quit, "+OK\r\n", true), scripted(quit, "+OK\r\n", true))) {
            d.sameThenClosed(quit);
            d.assertSame();
            assertEquals(1, d.compared());
        }
        Differ extra = new Differ(scripted(quit, "+OK\r\n", true), scripted(quit, "+OK\r\n+OK\r\n", true));
        extra.sameThenClosed(quit);
        AssertionError e = assertThrows(AssertionError.class, extra::assertSame);
        assertTrue(e.getMessage().contains("kevy:  +OK\\r\\n+OK\\r\\n"), e.getMessage());
        extra.close();
    }

    @Test
    void keyScanSameComparesPairsWhateverTheirOrderButNotTheirValues() {
        String[] hscan = {"HSCAN", "h", "0"};
        String page = "*2\r\n$1\r\n0\r\n*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n";
        String reordered = "*2\r\n$1\r\n0\r\n*4\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\na\r\n$1\r\n1\r\n";
        String swapped = "*2\r\n$1\r\n0\r\n*4\r\n$1\r\na\r\n$1\r\n2\r\n$1\r\nb\r\n$1\r\n1\r\n";
        try (Differ d = new Differ(scripted(hscan, page, false), scripted(hscan, reordered, false))) {
            d.keyScanSame("HSCAN", "h");
            d.assertSame();
        }
        Differ values = new Differ(scripted(hscan, page, false), scripted(hscan, swapped, false));
        values.keyScanSame("HSCAN", "h");
        AssertionError e = assertThrows(AssertionError.class, values::assertSame);
        assertTrue(e.getMessage().contains("1:a=1") && e.getMessage().contains("1:a=2"), e.getMessage());
        values.close();
    }

    @Test
    void keyScanSameRecordsAnErrorReplyAsAMismatch() {
        String[] sscan = {"SSCAN", "s", "0"};
        Differ d = new Differ(scripted(sscan, "*2\r\n$1\r\n0\r\n*0\r\n", false),
                scripted(sscan, "-ERR unknown command\r\n", false));
        d.keyScanSame("SSCAN", "s");
        AssertionError e = assertThrows(AssertionError.class, d::assertSame);
        assertTrue(e.getMessage().contains("redis: []") && e.getMessage().contains("kevy:  (failed: "), e.getMessage());
        d.close();
    }
}
