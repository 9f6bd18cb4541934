package dev.kevy.io.async;

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
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link CommandHandler#route} may point the request at fields of its own (the server's EXEC
 * carries its queued commands this way): the runtime runs, forwards, queues for the atomic turn
 * or holds back the rewritten request, never the bytes the client sent, and a request held back
 * and routed again keeps its rewritten fields and tag. A pipeline mixes rewritten requests for
 * every path with plain keyed ones (which make atomic requests wait behind them, so some are held
 * back), on four shards; each rewritten request must answer with the value only its rewrite holds.
 */
class RewrittenRequestTest {

    /** The tag of a rewritten request; a fresh decode's tag is 0. */
    private static final int REWRITTEN = 77;

    /**
     * {@code KEY k n} answers {@code :n} on k's owner; {@code REWRITE where n} (where: here, atom or
     * a key) is rewritten to {@code DONE <n + 1000> <route>} and answers {@code :<n + 1000>}.
     */
    static final class Rewriter implements CommandHandler {
        private final ShardContext context;
        private final MemorySegment own = Arena.ofAuto().allocate(64);

        Rewriter(ShardContext context) {
            this.context = context;
        }

        @Override
        public int route(Request c, Session session) {
            if (c.tag() == REWRITTEN) { // held back and routed again: the stored route
                c.parseLong(2);
                return (int) c.longValue();
            }
            if (c.equalsIgnoreCase(0, "KEY")) {
                return context.shardOf(c, 1);
            }
            int route = c.equalsIgnoreCase(1, "here") ? HERE : c.equalsIgnoreCase(1, "atom") ? ATOMIC
                    : context.shardOf(c, 1);
            c.parseLong(2);
            byte[] done = ("DONE" + (c.longValue() + 1000) + "|" + route).getBytes();
            MemorySegment.copy(done, 0, own, ValueLayout.JAVA_BYTE, 0, done.length);
            int bar = 4 + Long.toString(c.longValue() + 1000).length();
            c.clear();
            c.field(0, 0, 4);
            c.field(1, 4, bar - 4);
            c.field(2, bar + 1, done.length - bar - 1);
            c.complete(own, 3);
            c.tag(REWRITTEN);
            return route;
        }

        @Override
        public void execute(Request c, Session session, OutputBuffer reply) {
            if (c.equalsIgnoreCase(0, "KEY")) {
                c.parseLong(2);
                RespWriter.integer(reply, c.longValue());
            } else {
                answer(c, reply, false);
            }
        }

        @Override
        public void executeAtomic(Request c, CommandHandler[] shards, OutputBuffer reply) {
            answer(c, reply, true);
        }

        /** Answers a rewritten request that runs where its rewrite said (atomic or not). */
        private static void answer(Request c, OutputBuffer reply, boolean atomic) {
            boolean routedAtomic = c.argc() == 3 && c.parseLong(2) && c.longValue() == ATOMIC;
            if (c.tag() != REWRITTEN || !c.equalsIgnoreCase(0, "DONE") || routedAtomic != atomic || !c.parseLong(1)) {
                RespWriter.error(reply, "ERR not the rewritten request: " + c);
                return;
            }
            RespWriter.integer(reply, c.longValue());
        }
    }

    @Test
    void rewrittenRequestsRunForwardQueueAndWaitAsRewritten() throws Exception {
        try (KevyRuntime rt = KevyRuntime.start(RuntimeConfig.builder().shards(4).build(),
                Listener.tcp("127.0.0.1", 0, new RespCodec(), Rewriter::new))) {
            for (int client = 0; client < 4; client++) { // the kernel spreads them over the shards
                Random random = new Random(client);
                ByteArrayOutputStream requests = new ByteArrayOutputStream();
                StringBuilder expected = new StringBuilder();
                for (int i = 0; i < 2_000; i++) {
                    String key = String.valueOf((char) ('a' + random.nextInt(26)));
                    switch (random.nextInt(4)) {
                        case 0 -> {
                            requests.write(RespClient.command("KEY", key, String.valueOf(i)));
                            expected.append(':').append(i).append("\r\n");
                        }
                        default -> {
                            String where = switch (random.nextInt(3)) {
                                case 0 -> "here";
                                case 1 -> "atom";
                                default -> key;
                            };
                            requests.write(RespClient.command("REWRITE", where, String.valueOf(i)));
                            expected.append(':').append(i + 1000).append("\r\n");
                        }
                    }
                }
                try (RespClient c = new RespClient(rt.port())) {
                    c.send(requests.toByteArray());
                    c.expect(expected.toString());
                }
            }
        }
    }
}
