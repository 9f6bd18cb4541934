package dev.kevy.io.async;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kevy.io.KevyRuntime;
import dev.kevy.io.Listener;
import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.resp.RespCodec;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replies come back in request order under deep pipelines, whatever path each request took
 * (run here, forwarded to its owner, fanned out to every shard, run in an atomic turn, deferred
 * and completed by a timer), with several clients at once on four shards: the real shard loop,
 * dispatcher, gathers, atomics and tickets, through {@link OrderHandler}.
 */
class PipelineOrderTest {

    private static final int CLIENTS = 4;
    private static final int REQUESTS = 3_000;

    /**
     * @param mix 0: HERE, KEY, FAN, LATER; 1: HERE, KEY, FAN, ATOM (a deferred reply cannot be taken
     *            in an atomic turn, where a keyed request behind an ATOM runs)
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void repliesComeBackInRequestOrder(int mix) throws Exception {
        try (KevyRuntime rt = KevyRuntime.start(RuntimeConfig.builder().shards(4).build(),
                Listener.tcp("127.0.0.1", 0, new RespCodec(), OrderHandler.COMMANDS))) {
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int client = 0; client < CLIENTS; client++) {
                    long seed = 31L * client + mix;
                    done.add(pool.submit(() -> {
                        runPipeline(rt.port(), new Random(seed), mix);
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static void runPipeline(int port, Random random, int mix) throws Exception {
        ByteArrayOutputStream requests = new ByteArrayOutputStream();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < REQUESTS; i++) {
            String n = String.valueOf(i);
            String key = String.valueOf((char) ('a' + random.nextInt(26)));
            byte[] request = switch (random.nextInt(4)) {
                case 0 -> RespClient.command("HERE", n);
                case 1 -> RespClient.command("KEY", key, n);
                case 2 -> RespClient.command("FAN", n);
                default -> mix == 0 ? RespClient.command("LATER", key, n, String.valueOf(random.nextInt(5)))
                        : RespClient.command("ATOM", n);
            };
            requests.write(request);
            expected.append(':').append(n).append("\r\n");
        }
        try (RespClient c = new RespClient(port)) {
            Thread writer = new Thread(() -> {
                try {
                    c.send(requests.toByteArray()); // the whole pipeline at once, read concurrently below
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            writer.start();
            c.expect(expected.toString());
            writer.join();
        }
    }
}
