package dev.kevy.server.hardening;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

/**
 * Memory goes back to the OS, seen from outside: the resident set ({@code VmRSS}) of a server
 * process. The margins are the JVM's own noise (JIT, GC bookkeeping) beside differences of tens
 * of megabytes: a value that stayed mapped, or an input buffer grown by doubling.
 */
class MemoryReturnTest {
    private static final long MIB = 1 << 20;
    private static final long WAIT_MILLIS = 20_000;

    @Test
    void deletingA64MiBValueShrinksTheProcess() throws IOException {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "VmRSS is a Linux /proc figure");
        try (ServerProcess server = ServerProcess.start("--shards", "1");
                Socket client = new Socket("127.0.0.1", server.port())) {
            int size = (int) (64 * MIB);
            sendBulkSet(client, "big", size, size);
            expect(client, "+OK\r\n");
            long holding = rss(server.pid());
            client.getOutputStream().write("*2\r\n$3\r\nDEL\r\n$3\r\nbig\r\n".getBytes(StandardCharsets.US_ASCII));
            expect(client, ":1\r\n");
            long target = holding - 56 * MIB;
            long after = waitForRss(server.pid(), rss -> rss <= target);
            assertTrue(after <= target, "RSS " + holding / MIB + " MiB -> " + after / MIB + " MiB");
        }
    }

    @Test
    void aStalledClientWhoDeclared512MiBAndSent40MiBCostsAbout40MiB() throws IOException {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "VmRSS is a Linux /proc figure");
        try (ServerProcess server = ServerProcess.start("--shards", "1");
                Socket client = new Socket("127.0.0.1", server.port())) {
            client.getOutputStream().write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            expect(client, "+PONG\r\n");
            long before = rss(server.pid());
            sendBulkSet(client, "stalled", 512 * (int) MIB, (int) (40 * MIB));
            // The resident set holds the 40 MiB once the server has read them: wait for that,
            // then check it holds less than a buffer grown by doubling would: that one holds a
            // 64 MiB block (zeroed by its arena, so resident) from the 32nd MiB on. The margin
            // below 64 is the JVM's: a compilation in flight holds some MiB of compiler arenas
            // (a CI run measured 48 MiB against a bound of 48 that had passed until then).
            long grown = waitForRss(server.pid(), rss -> rss >= before + 40 * MIB);
            assertTrue(grown >= before + 40 * MIB, "the server never received the 40 MiB");
            long cost = rss(server.pid()) - before;
            assertTrue(cost < 56 * MIB, "40 MiB received cost " + cost / MIB + " MiB");
        }
    }

    /** Sends a SET whose value is declared as {@code declared} bytes, then {@code sent} of them. */
    private static void sendBulkSet(Socket client, String key, int declared, int sent) throws IOException {
        OutputStream out = client.getOutputStream();
        out.write(("*3\r\n$3\r\nSET\r\n$" + key.length() + "\r\n" + key + "\r\n$" + declared + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        byte[] piece = new byte[1 << 20];
        Arrays.fill(piece, (byte) 'v');
        for (int done = 0; done < sent; done += piece.length) {
            out.write(piece);
        }
        if (sent == declared) {
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
    }

    private static void expect(Socket client, String reply) throws IOException {
        byte[] expected = reply.getBytes(StandardCharsets.US_ASCII);
        InputStream in = client.getInputStream();
        assertArrayEquals(expected, in.readNBytes(expected.length));
    }

    /** Polls the process's RSS until {@code done} holds or a deadline passes; returns the last figure. */
    private static long waitForRss(long pid, LongPredicate done) {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        long now = rss(pid);
        while (!done.test(now) && System.currentTimeMillis() < deadline) {
            LockSupport.parkNanos(2_000_000);
            now = rss(pid);
        }
        return now;
    }

    private static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }
}
