package dev.kevy.server.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.server.compat.Kevy;
import dev.kevy.server.compat.Wire;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A client that sends a command one byte every 50 ms cannot stall its shard: on a one-shard
 * server (so every client shares the shard) another client's 1,000 PINGs are all answered while
 * the dribble is still going, and the dribbled command works when it completes.
 *
 * <p>No timing is asserted (a loaded machine may delay any PING): the proof is in the counts. The
 * command is about 220 bytes, so a shard that waited for the dribbler even once per byte could not
 * answer 1,000 PINGs before the dribble ended; the test asserts it is still unfinished after them.
 */
class SlowLorisTest {

    private static final long DRIBBLE_MILLIS = 50;
    private static final int PINGS = 1_000;

    @Test
    void aClientDribblingOneBytePer50msDoesNotDelayOthersOnItsShard() throws Exception {
        try (Kevy kevy = Kevy.start(1); Wire loris = new Wire(kevy.port()); Wire other = new Wire(kevy.port())) {
            byte[] command = Wire.encode("SET", "loris", "v".repeat(200));
            AtomicInteger sent = new AtomicInteger();
            int held = 20; // the dribbler stops this many bytes short, so the command is incomplete throughout
            Thread dribbler = new Thread(() -> {
                try {
                    for (int i = 0; i < command.length - held && !Thread.currentThread().isInterrupted(); i++) {
                        loris.send(new byte[] {command[i]});
                        sent.incrementAndGet();
                        Thread.sleep(DRIBBLE_MILLIS); // the attack's pace, not a wait for a condition
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "slow-loris");
            dribbler.start();
            try {
                Kevy.awaitValue("bytes dribbled before measuring", () -> Math.min(sent.get(), 3), 3);
                long slowest = 0;
                for (int i = 0; i < PINGS; i++) {
                    long t0 = System.nanoTime();
                    assertEquals("+PONG\r\n", other.callText("PING"));
                    slowest = Math.max(slowest, System.nanoTime() - t0);
                }
                int dribbled = sent.get();
                assertTrue(dribbled < command.length - held, "the slow command was still incomplete");
                System.out.printf("slow loris: %d PINGs while %d bytes dribbled, slowest %.2f ms%n", PINGS, dribbled,
                        slowest / 1e6);
            } finally {
                dribbler.interrupt();
                dribbler.join();
            }
            byte[] rest = new byte[command.length - sent.get()];
            System.arraycopy(command, sent.get(), rest, 0, rest.length);
            loris.send(rest);
            assertEquals("+OK\r\n", Wire.text(loris.reply()));
            assertEquals(":200\r\n", other.callText("STRLEN", "loris"));
        }
    }
}
