package dev.kevy.io.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.io.KevyRuntime;
import dev.kevy.io.Listener;
import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.resp.RespCodec;
import dev.kevy.rt.idle.IdlePolicy;
import dev.kevy.sys.Errno;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Timers, tasks and messages from other threads, and outbound connections, through a real runtime. */
class TimersTasksOutboundTest {

    @BeforeEach
    void reset() {
        AsyncHandler.reset();
        OutboundHandler.OUTBOUND_CLOSES.set(0);
    }

    /** A runtime whose idle shards park for 10 s between looks: only a timer's deadline wakes them sooner. */
    private static RuntimeConfig longParks(int shards) {
        IdlePolicy d = IdlePolicy.forShards(shards);
        return RuntimeConfig.builder().shards(shards)
                .idle(new IdlePolicy(d.spinLimit(), d.yieldLimit(), TimeUnit.SECONDS.toNanos(10),
                        TimeUnit.SECONDS.toNanos(10), d.tickCheckEvery()))
                .build();
    }

    @Test
    void aTimerFiresIntoItsHandlerAndAParkedShardWakesForIt() throws Exception {
        try (KevyRuntime rt = AsyncRepliesTest.start(longParks(1)); RespClient c = new RespClient(rt.port())) {
            long start = System.nanoTime();
            c.send("TIMER", "30");
            c.expect("+FIRED\r\n");
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            // The shard's clock counts whole milliseconds (the deadline is its now + 30), so the
            // timer can fire up to 1 ms before 30 ms of this thread's nanosecond clock have passed.
            assertTrue(tookMillis >= 29, "fired after its deadline: " + tookMillis + " ms");
            // Correctness, not speed: with 10 s parks, a loop that ignored the deadline would take seconds.
            assertTrue(tookMillis < 5_000, "the parked shard woke for the deadline: " + tookMillis + " ms");
            assertEquals(1, AsyncHandler.TIMERS_FIRED.get());
        }
    }

    @Test
    void aCancelledTimerNeverFires() throws Exception {
        try (KevyRuntime rt = AsyncRepliesTest.start(1); RespClient c = new RespClient(rt.port())) {
            c.send(RespClient.command("TIMER", "200"), RespClient.command("CANCEL"), RespClient.command("TIMER", "250"));
            c.expect("+CANCELLED\r\n+OK\r\n+FIRED\r\n"); // the second timer is due after the first would have been
            assertEquals(1, AsyncHandler.TIMERS_FIRED.get(), "only the second timer fired");
        }
    }

    @Test
    void aTaskFromAnotherThreadRunsOnTheShardAndMayCompleteATicket() throws Exception {
        try (KevyRuntime rt = AsyncRepliesTest.start(1); RespClient c = new RespClient(rt.port())) {
            c.send(RespClient.command("WAIT", "t"), RespClient.command("PING"));
            AsyncRepliesTest.await(() -> AsyncHandler.WAITS.get() == 1, "WAIT deferred its reply");
            AtomicReference<String> thread = new AtomicReference<>();
            AtomicInteger woke = new AtomicInteger(-2);
            CountDownLatch ran = new CountDownLatch(1);
            assertTrue(rt.submit(0, (handler, context) -> {
                thread.set(Thread.currentThread().getName());
                woke.set(((AsyncHandler) handler).wakeFromTask('t', "task".getBytes(StandardCharsets.US_ASCII)));
                ran.countDown();
            }));
            assertTrue(ran.await(30, TimeUnit.SECONDS));
            assertEquals("kevy-shard-0", thread.get());
            assertEquals(1, woke.get());
            c.expect("$4\r\ntask\r\n+PONG\r\n");
        }
    }

    @Test
    void aMessageFromAnotherThreadReachesTheHandlerOfEachShard() throws Exception {
        List<RespClient> spare = new ArrayList<>();
        try (KevyRuntime rt = AsyncRepliesTest.start(longParks(2));
             RespClient sub0 = AsyncRepliesTest.clientOn(rt, 0, spare);
             RespClient sub1 = AsyncRepliesTest.clientOn(rt, 1, spare)) {
            assertEquals("+OK\r\n", sub0.call("SUB"));
            assertEquals("+OK\r\n", sub1.call("SUB"));
            byte[] payload = "outside".getBytes(StandardCharsets.US_ASCII);
            assertTrue(rt.send(0, 0, AsyncHandler.PUBLISH, payload));
            assertTrue(rt.send(1, 0, AsyncHandler.PUBLISH, payload)); // shard 1 is parked for up to 10 s
            sub0.expect("+outside\r\n");
            sub1.expect("+outside\r\n");
        } finally {
            AsyncRepliesTest.closeAll(spare);
        }
    }

    @Test
    void aFullInboxRefusesTasksAndLosesNoneItTook() throws Exception {
        try (KevyRuntime rt = AsyncRepliesTest.start(1)) {
            CountDownLatch blocking = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            assertTrue(rt.submit(0, (h, ctx) -> {
                blocking.countDown();
                try {
                    release.await(); // holds the shard so the inbox fills (a test of the bound, nothing else)
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertTrue(blocking.await(30, TimeUnit.SECONDS));
            AtomicInteger ran = new AtomicInteger();
            int taken = 0;
            while (rt.submit(0, (h, ctx) -> ran.incrementAndGet())) {
                taken++;
                assertTrue(taken <= 4096, "the inbox took more than its capacity");
            }
            assertEquals(4096, taken, "the inbox took exactly its capacity");
            assertFalse(rt.submit(0, (h, ctx) -> ran.incrementAndGet()), "and refuses while full");
            release.countDown();
            AsyncRepliesTest.await(() -> ran.get() == 4096, "every task taken ran");
        }
    }

    private static KevyRuntime startOutbound() {
        return KevyRuntime.start(RuntimeConfig.builder().shards(1).build(),
                Listener.tcp("127.0.0.1", 0, new RespCodec(), OutboundHandler.COMMANDS));
    }

    @Test
    void anOutboundConnectionSendsAndItsFramesReachTheHandler() throws Exception {
        try (ServerSocket upstream = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             KevyRuntime rt = startOutbound();
             RespClient c = new RespClient(rt.port())) {
            Thread echo = new Thread(() -> {
                try (Socket s = upstream.accept()) {
                    String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                            .readLine();
                    OutputStream out = s.getOutputStream();
                    out.write(("got:" + line + "\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    s.getInputStream().read(); // until the runtime disconnects
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            echo.start();
            c.send("UP", String.valueOf(upstream.getLocalPort()), "hello", "5000");
            c.expect("+got:hello\r\n");
            echo.join(30_000);
            assertFalse(echo.isAlive(), "the runtime closed the connection after the answer");
            AsyncRepliesTest.await(() -> OutboundHandler.OUTBOUND_CLOSES.get() == 1, "onClose of the outbound connection");
        }
    }

    @Test
    void aRefusedConnectIsReportedToTheHandler() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (KevyRuntime rt = startOutbound(); RespClient c = new RespClient(rt.port())) {
            c.send("UP", String.valueOf(closedPort), "x", "5000");
            c.expect("-ERR connect " + -Errno.ECONNREFUSED + "\r\n");
            assertEquals(0, OutboundHandler.OUTBOUND_CLOSES.get(), "a connection that never connected is not closed");
        }
    }

    @Test
    void aConnectThatHangsTimesOut() throws Exception {
        // A listener whose backlog is full drops further SYNs: the connect neither succeeds nor fails.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try (KevyRuntime rt = startOutbound(); RespClient c = new RespClient(rt.port())) {
                for (int i = 0; i < 8; i++) {
                    Socket f = new Socket();
                    try {
                        f.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()), 200);
                        fillers.add(f);
                    } catch (java.net.SocketTimeoutException backlogFull) {
                        f.close();
                        break;
                    }
                }
                c.send("UP", String.valueOf(full.getLocalPort()), "x", "300");
                c.expect("-ERR connect " + -Errno.ETIMEDOUT + "\r\n");
            } finally {
                for (Socket f : fillers) {
                    f.close();
                }
            }
        }
    }
}
