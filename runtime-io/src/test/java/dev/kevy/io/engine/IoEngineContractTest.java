package dev.kevy.io.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.InputBuffer;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.sys.Errno;
import dev.kevy.sys.Net;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link IoEngine} contract with real sockets, for each engine (the subclasses): what a
 * submission completes as, who owns a buffer meanwhile, and what cancel and close take back. The
 * test thread is the shard thread: it attaches the engine and makes every call.
 */
abstract class IoEngineContractTest {

    static final long LISTENER = -16;
    static final long CONNECTION = (1L << 32) | 3; // generation 1, slot 3

    final BufferPool pool = new BufferPool();
    IoEngine engine;
    int listenFd = -1;

    /** One completion, copied out of the engine. */
    record Done(long token, int kind, long result, boolean local) {
    }

    /** A new engine of the kind under test (or a skipped test where it cannot run here). */
    abstract IoEngine newEngine();

    @BeforeEach
    void open() {
        engine = newEngine();
        engine.attach();
    }

    @AfterEach
    void close() {
        if (listenFd >= 0) {
            dev.kevy.sys.Posix.close(listenFd);
        }
        if (engine != null) {
            engine.detach();
            engine.close();
        }
        pool.close();
    }

    /** Runs the engine until a completion of {@code kind} arrives (asking each result, as the shard does). */
    Done awaitKind(int kind) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            int n = engine.await(50);
            for (int i = 0; i < n; i++) {
                Done d = new Done(engine.token(i), engine.kind(i), engine.result(i),
                        engine.kind(i) == IoEngine.ACCEPTED && engine.peerIsLocal(i));
                if (d.kind() == kind && d.result() != IoEngine.NOTHING) {
                    return d;
                }
            }
        }
        return fail("no completion of kind " + kind);
    }

    /** Every completion of the next few short waits (for asserting that one does not come). */
    List<Done> drainFor(int rounds) {
        List<Done> all = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            int n = engine.await(20);
            for (int i = 0; i < n; i++) {
                all.add(new Done(engine.token(i), engine.kind(i), engine.result(i), false));
            }
        }
        return all;
    }

    /** A connected pair: our end's descriptor, opened in the engine, and the peer as a plain socket. */
    record Pair(int fd, Socket peer) {
    }

    Pair connectedPair() throws IOException {
        listenFd = Net.openListener(InetAddress.getLoopbackAddress(), 0, 16, false);
        assertEquals(0, engine.listen(LISTENER, listenFd));
        Socket peer = new Socket(InetAddress.getLoopbackAddress(), Net.localPort(listenFd));
        peer.setSoTimeout(10_000);
        Done accepted = awaitKind(IoEngine.ACCEPTED);
        assertEquals(LISTENER, accepted.token());
        assertTrue(accepted.result() >= 0, "a descriptor: " + accepted.result());
        assertTrue(accepted.local(), "the peer is 127.0.0.1");
        int fd = (int) accepted.result();
        assertEquals(0, engine.open(CONNECTION, fd));
        return new Pair(fd, peer);
    }

    @Test
    void aReceiveAppendsToTheInputAndCompletesWithTheCount() throws IOException {
        Pair p = connectedPair();
        InputBuffer in = new InputBuffer(pool, 1 << 20);
        engine.receive(CONNECTION, p.fd(), in, 0);
        p.peer().getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
        Done d = awaitKind(IoEngine.RECEIVED);
        assertEquals(CONNECTION, d.token());
        assertEquals(5, d.result());
        assertEquals(5, in.readableBytes());
        assertEquals('h', in.segment().get(java.lang.foreign.ValueLayout.JAVA_BYTE, in.readIndex()));
        p.peer().close();
        engine.receive(CONNECTION, p.fd(), in, 0);
        assertEquals(0, awaitKind(IoEngine.RECEIVED).result(), "end of stream");
        in.release();
    }

    @Test
    void aCancelledReceiveCompletesNothingUntilReceivingAgain() throws IOException {
        Pair p = connectedPair();
        InputBuffer in = new InputBuffer(pool, 1 << 20);
        engine.receive(CONNECTION, p.fd(), in, 0);
        engine.cancelReceive(CONNECTION, p.fd());
        p.peer().getOutputStream().write("x".getBytes(StandardCharsets.US_ASCII));
        assertTrue(drainFor(5).stream().noneMatch(d -> d.kind() == IoEngine.RECEIVED), "nothing while cancelled");
        // The byte waits in the kernel (epoll), or, if it arrived before the cancel took effect,
        // in the input, appended by the engine (io_uring); either way the next receive reports it.
        assertTrue(in.readableBytes() <= 1, "at most the byte sent: " + in.readableBytes());
        engine.receive(CONNECTION, p.fd(), in, 0);
        assertEquals(1, awaitKind(IoEngine.RECEIVED).result(), "the byte, reported once");
        assertEquals(1, in.readableBytes());
        assertEquals('x', in.segment().get(java.lang.foreign.ValueLayout.JAVA_BYTE, in.readIndex()));
        in.release();
    }

    /**
     * A peer that ends its stream may still read what it is owed: for a connection nobody
     * receives on, that is no hang-up (io_uring's poll completes on EPOLLRDHUP whatever it was
     * asked); the next receive reports the end. A reset is one.
     */
    @Test
    void aPeerThatEndsItsStreamHasNotHungUpButOneThatResetsHas() throws IOException {
        Pair p = connectedPair();
        InputBuffer in = new InputBuffer(pool, 1 << 20);
        engine.receive(CONNECTION, p.fd(), in, 0);
        engine.cancelReceive(CONNECTION, p.fd());
        p.peer().shutdownOutput();
        assertTrue(drainFor(5).stream().noneMatch(d -> d.kind() == IoEngine.HUNG_UP), "a FIN is not a hang-up");
        engine.receive(CONNECTION, p.fd(), in, 0);
        assertEquals(0, awaitKind(IoEngine.RECEIVED).result(), "the end of the stream, reported by a receive");
        engine.cancelReceive(CONNECTION, p.fd());
        p.peer().setSoLinger(true, 0);
        p.peer().close(); // a reset
        assertEquals(CONNECTION, awaitKind(IoEngine.HUNG_UP).token());
        in.release();
    }

    @Test
    void aFullInputAtItsLimitCompletesAsNoRoom() throws IOException {
        Pair p = connectedPair();
        int limit = pool.chunkSize(); // the smallest limit an input buffer takes
        InputBuffer in = new InputBuffer(pool, limit);
        p.peer().getOutputStream().write(new byte[limit]);
        long got = 0;
        while (got < limit) {
            engine.receive(CONNECTION, p.fd(), in, 0);
            got += awaitKind(IoEngine.RECEIVED).result();
        }
        assertEquals(limit, in.readableBytes());
        p.peer().getOutputStream().write(new byte[1]);
        engine.receive(CONNECTION, p.fd(), in, 0); // nothing consumed: the buffer is full at its limit
        assertEquals(IoEngine.NO_ROOM, awaitKind(IoEngine.RECEIVED).result());
        in.release();
    }

    /**
     * A send writes what the socket takes at once; the rest goes as the socket drains, reported
     * by completions, from the head of the buffer the connection consumes as reported.
     */
    @Test
    void aSendTheSocketRefusesFinishesThroughCompletions() throws Exception {
        Pair p = connectedPair();
        OutputBuffer out = new OutputBuffer(pool, Long.MAX_VALUE);
        byte[] chunk = new byte[64 * 1024];
        int chunks = 512;
        long total = (long) chunks * chunk.length; // 32 MiB: far more than the socket buffers hold
        for (int i = 0; i < chunks; i++) {
            chunk[0] = (byte) i;
            out.writeBytes(chunk);
        }
        long first = engine.send(CONNECTION, p.fd(), out);
        if (first == IoEngine.PENDING) {
            first = 0; // a completion engine reports everything as completions
        } else {
            assertTrue(first > 0 && first < total, "part went at once: " + first);
        }
        out.consume(first);
        assertTrue(engine.isSending(CONNECTION), "the rest is the engine's to send");
        Thread reader = new Thread(() -> {
            try {
                InputStream in = p.peer().getInputStream();
                assertEquals(total, in.readNBytes((int) total).length);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        reader.start();
        long sent = first;
        int reports = 0;
        while (sent < total) {
            Done d = awaitKind(IoEngine.SENT);
            assertTrue(d.result() > 0, "progress: " + d.result());
            out.consume(d.result());
            sent += d.result();
            reports++;
        }
        assertEquals(total, sent);
        // A readiness engine showed the short send at once (first < total); a completion engine
        // must show it in its reports (one WRITEV carries at most 64 chunks: 4 MiB of the 32)
        assertTrue(first > 0 || reports > 1, "short sends: one report for all of it");
        assertFalse(engine.isSending(CONNECTION), "done: no send runs");
        reader.join(10_000);
        out.release();
    }

    @Test
    void closingForgetsTheConnectionAndItsRunningOperations() throws Exception {
        Pair p = connectedPair();
        OutputBuffer out = new OutputBuffer(pool, Long.MAX_VALUE);
        for (int i = 0; i < 512; i++) {
            out.writeBytes(new byte[64 * 1024]); // 32 MiB: the socket takes part of it
        }
        long first = engine.send(CONNECTION, p.fd(), out);
        out.consume(first == IoEngine.PENDING ? 0 : first);
        assertTrue(engine.isSending(CONNECTION));
        boolean held = engine.close(CONNECTION, p.fd());
        assertFalse(engine.isSending(CONNECTION), "a closed connection sends nothing more");
        p.peer().getInputStream().readNBytes(1024); // the peer drains: writability would follow
        List<Done> after = drainFor(5);
        // A completion engine's send was in the kernel: it says when it let go, once; nothing else comes.
        assertEquals(held ? 1 : 0, after.stream().filter(d -> d.token() == CONNECTION).count(), after.toString());
        if (held) {
            assertTrue(after.stream().anyMatch(d -> d.token() == CONNECTION && d.kind() == IoEngine.RELEASED));
        }
        engine.pauseListening(LISTENER, listenFd, true); // detach comes after the listeners close
        assertEquals(0, engine.detach(), "nothing left in the kernel");
        out.release();
    }

    @Test
    void aConnectCompletesWithZeroOrTheError() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            int fd = Net.openSocket(Net.AF_INET);
            assertEquals(0, engine.open(CONNECTION, fd));
            long r = engine.connect(CONNECTION, fd, InetAddress.getLoopbackAddress(), server.getLocalPort());
            assertEquals(0, r == IoEngine.PENDING ? awaitKind(IoEngine.CONNECTED).result() : r);
            try (Socket accepted = server.accept()) {
                assertTrue(accepted.isConnected());
            }
            engine.close(CONNECTION, fd);
        }
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        int fd = Net.openSocket(Net.AF_INET);
        assertEquals(0, engine.open(CONNECTION, fd));
        long r = engine.connect(CONNECTION, fd, InetAddress.getLoopbackAddress(), closedPort);
        assertEquals(-Errno.ECONNREFUSED, r == IoEngine.PENDING ? awaitKind(IoEngine.CONNECTED).result() : r);
        engine.close(CONNECTION, fd);
    }

    @Test
    void aWakeFromAnotherThreadCompletesAsWoken() throws Exception {
        Thread waker = new Thread(() -> engine.waker().wake());
        waker.start();
        assertEquals(IoEngine.WOKEN, awaitKind(IoEngine.WOKEN).kind());
        waker.join();
    }
}
