package dev.kevy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespCodec;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.sys.Errno;
import dev.kevy.sys.NativeThread;
import dev.kevy.sys.SysException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Starting and stopping a runtime around a minimal handler that answers PING with +PONG. */
class KevyRuntimeTest {

    private static final Commands PONG = context -> new CommandHandler() {
        @Override
        public int route(Request command, Session session) {
            return HERE;
        }

        @Override
        public void execute(Request command, Session session, OutputBuffer reply) {
            RespWriter.pong(reply);
        }
    };

    private static final Commands HELLO = context -> new CommandHandler() {
        @Override
        public int route(Request command, Session session) {
            return HERE;
        }

        @Override
        public void execute(Request command, Session session, OutputBuffer reply) {
            RespWriter.simpleString(reply, "HEY" + context.shard());
        }
    };

    /** Answers whether the command ran on a thread that owns its errno segment. */
    private static final Commands THREAD_KIND = context -> new CommandHandler() {
        @Override
        public int route(Request command, Session session) {
            return HERE;
        }

        @Override
        public void execute(Request command, Session session, OutputBuffer reply) {
            RespWriter.simpleString(reply, Thread.currentThread() instanceof NativeThread ? "NATIVE" : "OTHER");
        }
    };

    private static KevyRuntime start(int port, int shards) {
        return KevyRuntime.start(RuntimeConfig.builder().shards(shards).build(),
                Listener.tcp("127.0.0.1", port, new RespCodec(), PONG));
    }

    private static String ping(int port) throws IOException {
        return ping(port, 7);
    }

    private static String ping(int port, int replyBytes) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            return new String(in.readNBytes(replyBytes), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void secondRuntimeOnABusyPortFailsWithEaddrinuseAndTheFirstKeepsServing() throws IOException {
        try (KevyRuntime first = start(0, 2)) {
            SysException e = assertThrows(SysException.class, () -> start(first.port(), 2));
            assertEquals(Errno.EADDRINUSE, e.errno(), e.getMessage());
            for (int i = 0; i < 8; i++) { // every connection still reaches the first runtime
                assertEquals("+PONG\r\n", ping(first.port()));
            }
        }
    }

    @Test
    void portHeldByAnotherProgramIsRefusedToo() throws IOException {
        try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            SysException e = assertThrows(SysException.class,
                    () -> start(other.getLocalPort(), 2));
            assertEquals(Errno.EADDRINUSE, e.errno(), e.getMessage());
        }
    }

    @Test
    void stoppedRuntimeFreesItsPortForTheNextOne() throws IOException {
        int port;
        try (KevyRuntime first = start(0, 2)) {
            port = first.port();
            assertEquals("+PONG\r\n", ping(port));
        }
        try (KevyRuntime second = start(port, 2)) {
            assertEquals(port, second.port());
            assertEquals("+PONG\r\n", ping(port));
        }
    }

    @Test
    void aRuntimeWithoutAListenerRefusesToStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KevyRuntime.start(RuntimeConfig.builder().shards(1).build()));
        assertEquals("a runtime needs at least one listener (Listener.tcp(...)); none given", e.getMessage());
    }

    @Test
    void twoListenersAreServedByTheSameShardsEachWithItsHandlers() throws IOException {
        try (KevyRuntime rt = KevyRuntime.start(RuntimeConfig.builder().shards(2).build(),
                Listener.tcp("127.0.0.1", 0, new RespCodec(), PONG),
                Listener.tcp("127.0.0.1", 0, new RespCodec(), HELLO))) {
            assertEquals(rt.port(), rt.port(0));
            java.util.Set<String> shardsSeen = new java.util.TreeSet<>();
            for (int i = 0; i < 32 && shardsSeen.size() < 2; i++) {
                assertEquals("+PONG\r\n", ping(rt.port(0)));
                String hello = ping(rt.port(1));
                shardsSeen.add(hello);
            }
            assertEquals(java.util.Set.of("+HEY0\r\n", "+HEY1\r\n"), shardsSeen,
                    "both shards accept on the second listener and run its handler");
        }
    }

    @Test
    void shardsRunOnNativeThreadsSoTheirSyscallsSkipTheThreadLocal() throws IOException {
        try (KevyRuntime rt = KevyRuntime.start(RuntimeConfig.builder().shards(1).build(),
                Listener.tcp("127.0.0.1", 0, new RespCodec(), THREAD_KIND))) {
            assertEquals("+NATIVE\r\n", ping(rt.port(), 9));
        }
    }
}
