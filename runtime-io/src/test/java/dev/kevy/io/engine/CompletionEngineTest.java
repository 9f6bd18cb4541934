package dev.kevy.io.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.rt.buffer.InputBuffer;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.sys.IoUring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The {@link IoEngine} contract on {@link CompletionEngine} (io_uring), and the faults only a
 * completion engine has: a provided-buffer ring that runs dry, and connections that go away
 * with operations still in the kernel. Skipped, with the reason, where io_uring is refused.
 */
class CompletionEngineTest extends IoEngineContractTest {

    /** Buffers per engine; {@link #starvedEngine} makes a tiny ring to run it dry on purpose. */
    private int buffers = 64;
    private int bufferSize = 4096;

    @Override
    IoEngine newEngine() {
        String why = IoUring.isSupported();
        Assumptions.assumeTrue(why == null, () -> "io_uring unavailable here: " + why);
        return new CompletionEngine(64, buffers, bufferSize);
    }

    /** Replaces the engine with one of two 64-byte receive buffers. */
    private void starvedEngine() {
        engine.detach();
        engine.close();
        buffers = 2;
        bufferSize = 64;
        open();
    }

    /**
     * 256 KiB through two 64-byte buffers: every burst of the peer runs the ring dry (the multishot
     * receive ends with ENOBUFS) and the receive restarts once the bytes were copied out and the
     * buffers offered again; nothing is lost, reordered or duplicated.
     */
    @Test
    void aReceiveSurvivesAnExhaustedBufferRing() throws Exception {
        starvedEngine();
        Pair p = connectedPair();
        byte[] sent = new byte[256 * 1024];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = (byte) (i * 31 + (i >>> 8));
        }
        Thread writer = new Thread(() -> {
            try {
                OutputStream out = p.peer().getOutputStream();
                out.write(sent);
                out.flush();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        writer.start();
        InputBuffer in = new InputBuffer(pool, 1 << 20);
        while (in.readableBytes() < sent.length) {
            engine.receive(CONNECTION, p.fd(), in, 0);
            long n = awaitKind(IoEngine.RECEIVED).result();
            assertTrue(n > 0, "bytes, not " + n);
        }
        writer.join(10_000);
        byte[] got = new byte[sent.length];
        java.lang.foreign.MemorySegment.copy(in.segment(), java.lang.foreign.ValueLayout.JAVA_BYTE, in.readIndex(),
                got, 0, got.length);
        assertArrayEquals(sent, got);
        in.release();
    }

    /**
     * A peer that resets while a large send and a receive are in the kernel: closing returns
     * {@code true} (the output must stay as it is), exactly one RELEASED follows, and afterwards
     * nothing of the connection is left in the kernel; the same slot then serves a new connection.
     */
    @Test
    void anAbruptDisconnectWithOperationsInFlightLeavesTheRingClean() throws Exception {
        Pair p = connectedPair();
        InputBuffer in = new InputBuffer(pool, 1 << 20);
        engine.receive(CONNECTION, p.fd(), in, 0);
        OutputBuffer out = new OutputBuffer(pool, Long.MAX_VALUE);
        for (int i = 0; i < 256; i++) {
            out.writeBytes(new byte[64 * 1024]); // 16 MiB: the send stays in the kernel, waiting for room
        }
        assertEquals(IoEngine.PENDING, engine.send(CONNECTION, p.fd(), out));
        drainFor(2); // submitted: part of it is in the socket, the rest waits
        p.peer().setSoLinger(true, 0);
        p.peer().close(); // RST
        List<Done> seen = drainFor(5);
        boolean held = engine.close(CONNECTION, p.fd());
        seen.addAll(drainFor(10));
        long released = seen.stream().filter(d -> d.token() == CONNECTION && d.kind() == IoEngine.RELEASED).count();
        assertEquals(held ? 1 : 0, released, seen.toString());
        engine.pauseListening(LISTENER, listenFd, true); // detach comes after the listeners close
        assertEquals(0, engine.detach(), "nothing of it is left in the kernel");
        out.release();
        in.release();

        Pair again = connectedPair(); // the slot is free for the next connection
        InputBuffer in2 = new InputBuffer(pool, 1 << 20);
        engine.receive(CONNECTION, again.fd(), in2, 0);
        again.peer().getOutputStream().write(new byte[] {'o', 'k'});
        assertEquals(2, awaitKind(IoEngine.RECEIVED).result());
        in2.release();
    }

    /** What a peer writes while its connection is paused is delivered once, in order, after it resumes. */
    @Test
    void bytesThatArriveWhilePausedAreDeliveredOnceAfterResuming() throws Exception {
        Pair p = connectedPair();
        InputBuffer in = new InputBuffer(pool, 1 << 20);
        OutputStream peerOut = p.peer().getOutputStream();
        engine.receive(CONNECTION, p.fd(), in, 0);
        peerOut.write("first".getBytes());
        assertEquals(5, awaitKind(IoEngine.RECEIVED).result());
        // The shard does not receive again (say its replies are backed up); the peer goes on.
        peerOut.write("second".getBytes());
        drainFor(3);
        engine.receive(CONNECTION, p.fd(), in, 0);
        long total = 5;
        while (total < 11) {
            total += awaitKind(IoEngine.RECEIVED).result();
            if (total < 11) {
                engine.receive(CONNECTION, p.fd(), in, 0);
            }
        }
        assertEquals(11, in.readableBytes());
        byte[] got = new byte[11];
        java.lang.foreign.MemorySegment.copy(in.segment(), java.lang.foreign.ValueLayout.JAVA_BYTE, in.readIndex(),
                got, 0, 11);
        assertEquals("firstsecond", new String(got));
        InputStream unused = p.peer().getInputStream();
        assertEquals(0, unused.available());
        in.release();
    }
}
