package dev.kevy.server.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kevy.server.compat.Kevy;
import dev.kevy.server.compat.Wire;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** maxclients: the connection over the limit gets Redis's error and is closed; CONFIG SET changes it live. */
class MaxClientsTest {

    private static final String REFUSED = "-ERR max number of clients reached\r\n";

    @Test
    void theConnectionOverMaxclientsIsToldAndClosedAndConfigSetMovesTheLimit() {
        try (Kevy kevy = Kevy.start(1, null, b -> b.maxClients(2));
             Wire first = new Wire(kevy.port());
             Wire second = new Wire(kevy.port())) {
            assertEquals("+PONG\r\n", first.callText("PING"));
            assertEquals("+PONG\r\n", second.callText("PING"));
            try (Wire third = new Wire(kevy.port())) {
                assertEquals(REFUSED, Wire.text(third.readToEnd()), "the third client is refused, then closed");
            }
            assertEquals("+PONG\r\n", first.callText("PING"), "the admitted clients are unaffected");

            assertEquals("+OK\r\n", first.callText("CONFIG", "SET", "maxclients", "3"));
            assertEquals("*2\r\n$10\r\nmaxclients\r\n$1\r\n3\r\n", first.callText("CONFIG", "GET", "maxclients"));
            // Shards apply settings at their next tick (~100 ms): until then a third client may still be refused.
            Wire third = null;
            long deadline = System.nanoTime() + Kevy.WAIT_MILLIS * 1_000_000L;
            while (third == null) {
                Wire attempt = new Wire(kevy.port());
                if (answersPing(attempt)) {
                    third = attempt;
                } else {
                    attempt.close();
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("maxclients 3 never admitted a third client");
                    }
                }
            }
            try (Wire admitted = third; Wire fourth = new Wire(kevy.port())) {
                assertEquals(REFUSED, Wire.text(fourth.readToEnd()));
                assertEquals("+PONG\r\n", admitted.callText("PING"));
            }
            Kevy.awaitValue("rejected_connections", () -> infoField(first, "rejected_connections"), 2 + attempts);
        }
    }

    @Test
    void maxclientsIsExactServerWideWhateverShardTheKernelPicks() {
        int max = 9; // not a multiple of the shard count: a per-shard share could not be exact
        try (Kevy kevy = Kevy.start(4, null, b -> b.maxClients(max))) {
            List<Wire> admitted = new ArrayList<>();
            try {
                for (int i = 0; i < max; i++) {
                    Wire w = new Wire(kevy.port());
                    admitted.add(w);
                    assertEquals("+PONG\r\n", w.callText("PING"), "client " + (i + 1) + " of " + max);
                }
                try (Wire over = new Wire(kevy.port())) {
                    assertEquals(REFUSED, Wire.text(over.readToEnd()), "client " + (max + 1) + " is refused");
                }
                Wire leaving = admitted.removeFirst();
                assertEquals("+OK\r\n", leaving.callText("QUIT"));
                assertEquals(0, leaving.readToEnd().length, "closed by the server");
                leaving.close();
                Wire next = new Wire(kevy.port());
                admitted.add(next);
                assertEquals("+PONG\r\n", next.callText("PING"), "the freed slot admits a new client at once");
                try (Wire over = new Wire(kevy.port())) {
                    assertEquals(REFUSED, Wire.text(over.readToEnd()), "and the limit holds again");
                }
            } finally {
                admitted.forEach(Wire::close);
            }
        }
    }

    private int attempts;

    /** Whether the server admitted {@code w}: its PING is answered rather than refused. */
    private boolean answersPing(Wire w) {
        try {
            String reply = Wire.text(w.send("PING").reply());
            if (reply.equals("+PONG\r\n")) {
                return true;
            }
            assertEquals(REFUSED, reply);
            attempts++;
            return false;
        } catch (UncheckedIOException e) {
            attempts++; // refused and reset before our PING was read
            return false;
        }
    }

    static long infoField(Wire w, String field) {
        String info = Wire.text(w.call("INFO"));
        int at = info.indexOf(field + ":");
        if (at < 0) {
            throw new AssertionError("INFO has no " + field);
        }
        return Long.parseLong(info.substring(at + field.length() + 1, info.indexOf('\r', at)));
    }
}
