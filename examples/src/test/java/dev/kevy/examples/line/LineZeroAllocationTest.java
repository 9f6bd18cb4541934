package dev.kevy.examples.line;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.examples.RuntimeStats;
import dev.kevy.examples.ShardAllocations;
import dev.kevy.io.CommandHandler;
import dev.kevy.io.KevyRuntime;
import dev.kevy.io.Listener;
import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.Session;
import dev.kevy.io.ShardStats;
import dev.kevy.io.codec.Request;
import dev.kevy.rt.buffer.OutputBuffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Once warmed up, the shard threads serving the line service allocate nothing: a round of
 * pipelined lines of every kind leaves each shard thread's allocation count where it was. A
 * companion shows the meter sees a handler that does allocate.
 */
class LineZeroAllocationTest {

    private static final int SHARDS = 2;
    private static final int BATCH = 240;
    private static final int BATCHES_PER_ROUND = 80;
    /**
     * Rounds the JIT may take to compile every path before one must be clean. What it compiles
     * last are the paths a batch takes once or twice (the read that drains the socket, the write
     * of the batch's replies): until C2 compiles an errno-capturing downcall it allocates a
     * 40-byte capture slice per call. So a round is many small batches rather than a few large
     * ones: those paths get hot in a few dozen rounds (seen: 20 to 110 on a shared 2-core VM).
     */
    private static final int MAX_ROUNDS = 300;
    private static final int ONE_BY_ONE_WARM_UP = 4_000;

    @Test
    void shardThreadsAllocateNothingServingLinesAfterWarmUp() throws Exception {
        ByteArrayOutputStream requests = new ByteArrayOutputStream();
        ByteArrayOutputStream replies = new ByteArrayOutputStream();
        for (int i = 0; i < BATCH; i++) {
            switch (i % 6) {
                case 0 -> add(requests, replies, "ECHO a  b \0 *c\r\n", "a  b \0 *c\n");
                case 1 -> add(requests, replies, "UPPER mixed Case \u00ff\n", "MIXED CASE \u00ff\n");
                case 2 -> add(requests, replies, "PING\n", "PONG\n");
                case 3 -> add(requests, replies, "\n", "\n");
                case 4 -> add(requests, replies, "*3\n", "ERR unknown command\n");
                default -> add(requests, replies, "ECHO " + "x".repeat(i % 300) + "\n", "x".repeat(i % 300) + "\n");
            }
        }
        byte[] batch = requests.toByteArray();
        byte[] expected = replies.toByteArray();
        Set<Thread> others = ShardAllocations.alive();
        try (KevyRuntime runtime = KevyRuntime.start(ShardAllocations.neverParking(SHARDS), LineExample.listener("127.0.0.1", 0))) {
            ShardAllocations shards = ShardAllocations.startedAfter(others, SHARDS);
            List<LineClient> clients = RuntimeStats.openOnEveryShard(runtime, () -> new LineClient(runtime.port()));
            try {
                for (int i = 0; i < ONE_BY_ONE_WARM_UP; i++) { // many short loop iterations: read, write, poll
                    LineClient c = clients.get(i % clients.size());
                    assertEquals(" one by one", c.call("ECHO  one by one"));
                }
                ShardAllocations.Measurement measured = shards.untilARoundAllocatesNothing(MAX_ROUNDS, () -> {
                    for (int b = 0; b < BATCHES_PER_ROUND; b++) {
                        for (LineClient c : clients) {
                            c.send(batch);
                        }
                        for (LineClient c : clients) {
                            assertArrayEquals(expected, c.readBytes(expected.length));
                        }
                    }
                });
                assertArrayEquals(new long[SHARDS], measured.lastRound(), "heap bytes per shard thread over a round of "
                        + BATCHES_PER_ROUND * BATCH * clients.size() + " lines, after "
                        + (measured.rounds() - 1) + " warm-up rounds");
                for (int s = 0; s < SHARDS; s++) { // not vacuous: both shards served lines
                    RuntimeStats.awaitAtLeast(runtime, s, ShardStats.COMMANDS, BATCH);
                }
            } finally {
                for (LineClient c : clients) {
                    c.close();
                }
            }
        }
    }

    /** The meter is not blind: a handler that allocates per line shows at least those bytes. */
    @Test
    void theMeterSeesAHandlerThatAllocates() throws Exception {
        Set<Thread> others = ShardAllocations.alive();
        Listener allocating = Listener.tcp("127.0.0.1", 0, new LineCodec(), context -> new AllocatingHandler());
        try (KevyRuntime runtime = KevyRuntime.start(RuntimeConfig.builder().shards(1).build(), allocating);
             LineClient c = new LineClient(runtime.port())) {
            ShardAllocations shard = ShardAllocations.startedAfter(others, 1);
            int lines = 100;
            long before = shard.allocatedBytes()[0];
            for (int i = 0; i < lines; i++) {
                c.call("ALLOC");
            }
            long allocated = shard.allocatedBytes()[0] - before;
            assertTrue(allocated >= lines * (long) AllocatingHandler.BYTES, "the meter saw " + allocated + " bytes");
        }
    }

    private static void add(ByteArrayOutputStream requests, ByteArrayOutputStream replies, String line, String reply) {
        requests.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
        replies.writeBytes(reply.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Allocates {@link #BYTES} per line, then answers with an empty line. */
    private static final class AllocatingHandler implements CommandHandler {
        static final int BYTES = 64 * 1024;
        static volatile Object sink;

        @Override
        public int route(Request command, Session session) {
            return HERE;
        }

        @Override
        public void execute(Request command, Session session, OutputBuffer reply) {
            sink = new byte[BYTES];
            reply.writeByte('\n');
        }
    }
}
