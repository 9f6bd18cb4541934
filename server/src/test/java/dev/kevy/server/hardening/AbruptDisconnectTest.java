package dev.kevy.server.hardening;

import dev.kevy.server.ShardKeys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kevy.io.ShardStats;
import dev.kevy.server.compat.Kevy;
import dev.kevy.server.compat.Wire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Clients that vanish in every state of a request (mid-command, mid-pipeline, with a large reply
 * unsent, during a fan-out across shards, during an atomic cross-shard command), closing with a
 * FIN or a reset: afterwards every pooled buffer is back (the shards' published POOL_BLOCKS_OUT
 * returns to its baseline), the connection count too, and a client that stayed saw nothing odd.
 */
class AbruptDisconnectTest {

    private static final int SHARDS = 3;
    private static final String BIG = "x".repeat(1 << 20);

    /** One way a client can leave in the middle of something; {@code completion} finishes a partial request. */
    private record Scenario(String name, Consumer<Wire> beforeVanishing, String completion) {
    }

    @Test
    void buffersAndConnectionsReturnToBaselineAfterClientsVanishInEveryState() {
        try (Kevy kevy = Kevy.start(SHARDS); Wire observer = new Wire(kevy.port())) {
            List<String> spread = new ArrayList<>();
            for (int s = 0; s < SHARDS; s++) {
                spread.addAll(List.of(ShardKeys.on(s, SHARDS, "spread", 100)));
            }
            String[] mset = new String[1 + 2 * spread.size()];
            mset[0] = "MSET";
            for (int i = 0; i < spread.size(); i++) {
                mset[1 + 2 * i] = spread.get(i);
                mset[2 + 2 * i] = "v" + i;
            }
            assertEquals("+OK\r\n", observer.callText(mset));
            assertEquals("+OK\r\n", observer.callText("SET", "big", BIG));
            assertEquals("+OK\r\n", observer.callText("SET", "mine", "untouched"));
            String[] mget = new String[1 + spread.size()];
            mget[0] = "MGET";
            for (int i = 0; i < spread.size(); i++) {
                mget[1 + i] = spread.get(i);
            }
            String a0 = ShardKeys.on(0, SHARDS, "ren", 1)[0];
            String a1 = ShardKeys.on(1, SHARDS, "ren", 1)[0];
            String a2 = ShardKeys.on(2, SHARDS, "ren", 1)[0];
            List<Scenario> scenarios = List.of(
                    new Scenario("mid-command", w -> w.send(Wire.bytes("*3\r\n$3\r\nSET\r\n$5\r\nmid-k\r\n$100000\r\n"
                            + "y".repeat(50_000))), "y".repeat(50_000) + "\r\n"),
                    new Scenario("mid-pipeline", w -> w.send(concat(repeat(Wire.encode("INCR", "pipe-ctr"), 2000),
                            Wire.bytes("*2\r\n$3\r\nGET\r\n$4\r\npi"))), "pe\r\n"),
                    new Scenario("mid-reply", w -> {
                        w.send(repeat(Wire.encode("GET", "big"), 40));
                        w.readExactly(100); // the rest (40 MB) stays unsent
                    }, ""),
                    new Scenario("mid-fan-out", w -> w.send(concat(repeat(Wire.encode(mget), 100),
                            repeat(Wire.encode(mset), 20), repeat(Wire.encode("DEL", a0, a1, a2, "x", "y"), 50),
                            repeat(Wire.encode("EXISTS", a0, a1, a2), 50), repeat(Wire.encode("DBSIZE"), 20),
                            repeat(Wire.encode("KEYS", "spread1*"), 20))), ""),
                    new Scenario("mid-atomic", w -> w.send(concat(repeat(concat(Wire.encode("SET", a0, "r"),
                            Wire.encode("RENAME", a0, a1), Wire.encode("RENAME", a1, a2), Wire.encode("MSETNX", a0, "1",
                            a1, "2", a2, "3"), Wire.encode("DEL", a0, a1, a2)), 100))), ""));

            // Warm-up: each scenario once, finished properly, so scratch areas reach their size first.
            for (Scenario s : scenarios) {
                try (Wire w = new Wire(kevy.port())) {
                    s.beforeVanishing().accept(w);
                    w.send(Wire.bytes(s.completion()));
                    w.send("QUIT");
                    w.readToEnd();
                }
            }
            kevy.awaitStat("open connections after the warm-up", ShardStats.CONNECTIONS, 1);
            long baseline = settledPoolBlocks(kevy);

            long counter = 0;
            for (int round = 0; round < 2; round++) {
                for (Scenario s : scenarios) {
                    for (boolean reset : new boolean[] {false, true}) {
                        Wire w = new Wire(kevy.port());
                        s.beforeVanishing().accept(w);
                        vanish(w, reset);
                        // the observer, on whichever shard, keeps being served correctly meanwhile
                        assertEquals(":" + ++counter + "\r\n", observer.callText("INCR", "observer-ctr"));
                    }
                }
            }
            kevy.awaitStat("open connections after the vanished clients", ShardStats.CONNECTIONS, 1);
            kevy.awaitStat("pooled blocks out (baseline " + baseline + ")", ShardStats.POOL_BLOCKS_OUT, baseline);
            assertEquals("$9\r\nuntouched\r\n", observer.callText("GET", "mine"));
            assertEquals(":" + BIG.length() + "\r\n", observer.callText("STRLEN", "big"));
            assertEquals(Wire.text(Wire.bytes("+PONG\r\n")), observer.callText("PING"));
        }
    }

    /** The published pool count once it holds still for a few ticks (it is published each ~100 ms). */
    private static long settledPoolBlocks(Kevy kevy) {
        long last = -1;
        int same = 0;
        long deadline = System.nanoTime() + Kevy.WAIT_MILLIS * 1_000_000L;
        while (same < 5) {
            long now = kevy.statSum(ShardStats.POOL_BLOCKS_OUT);
            same = now == last ? same + 1 : 0;
            last = now;
            if (System.nanoTime() > deadline) {
                throw new AssertionError("pool count did not settle: " + now);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000); // polling interval
        }
        return last;
    }

    private static void vanish(Wire w, boolean reset) {
        try {
            if (reset) {
                w.socket().setSoLinger(true, 0); // close sends RST: the server's next read or write fails
            }
            w.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] repeat(byte[] b, int times) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < times; i++) {
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
