package dev.kevy.io.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.KevyRuntime;
import dev.kevy.io.Listener;
import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.Session;
import dev.kevy.io.ShardContext;
import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespCodec;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link CommandHandler#turnStarted} and {@link CommandHandler#turnEnded} bracket every atomic
 * turn on the coordinator, with every shard's handler: the turn's commands run between them, and
 * their replies leave only once {@code turnEnded} returns (the server's append-only log waits
 * there for the turn's fsync). Here {@code turnEnded} waits at a gate: the client has no reply
 * while it is shut.
 */
class TurnBracketTest {
    private static final int SHARDS = 2;

    private final CountDownLatch ended = new CountDownLatch(1);
    private final CountDownLatch open = new CountDownLatch(1);
    private final AtomicInteger bracketed = new AtomicInteger();

    /** {@code ATOM} runs atomically and answers how many turns were open around it (1, or an error). */
    private final class Bracketed implements CommandHandler {
        private int openTurns;

        Bracketed(ShardContext context) {
        }

        @Override
        public int route(Request c, Session session) {
            return ATOMIC;
        }

        @Override
        public void execute(Request c, Session session, OutputBuffer reply) {
            RespWriter.error(reply, "ERR only atomic here");
        }

        @Override
        public void executeAtomic(Request c, CommandHandler[] shards, OutputBuffer reply) {
            RespWriter.integer(reply, openTurns);
        }

        @Override
        public void turnStarted(CommandHandler[] shards) {
            openTurns++;
            if (shards.length == SHARDS) {
                bracketed.incrementAndGet();
            }
        }

        @Override
        public void turnEnded(CommandHandler[] shards) {
            openTurns--;
            ended.countDown();
            try {
                open.await(30, TimeUnit.SECONDS); // the replies must wait for this return
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void aTurnsRepliesLeaveOnlyOnceTurnEndedReturns() throws Exception {
        try (KevyRuntime rt = KevyRuntime.start(RuntimeConfig.builder().shards(SHARDS).build(),
                Listener.tcp("127.0.0.1", 0, new RespCodec(), Bracketed::new));
             RespClient client = new RespClient(rt.port())) {
            client.send(RespClient.command("ATOM"));
            assertTrue(ended.await(30, TimeUnit.SECONDS), "the turn ended");
            // Shut gate: a reply sent already would be in our receive buffer (loopback delivers in write()).
            assertEquals(0, client.socket.getInputStream().available(), "a reply left before turnEnded returned");
            open.countDown();
            client.expect(":1\r\n"); // executeAtomic ran inside the bracket
            assertTrue(bracketed.get() >= 1, "turnStarted saw every shard's handler");
        }
    }
}
