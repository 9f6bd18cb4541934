package dev.kevy.bench.ring;

import dev.kevy.rt.ring.RecordHandler;
import dev.kevy.rt.ring.RingProducer;
import dev.kevy.rt.ring.SpscRing;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.jctools.queues.SpscArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Control;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Round trip across two threads: the pinger sends {@code batch} records of {@code size} bytes
 * (one publish for the ring), the ponger echoes each back on a second queue, and the pinger waits
 * until all have returned. The {@code *Ping} method's time is the round trip; the ponger's score
 * only counts its polls. Compare with {@link AtomicPingPongBenchmark}, the cache-line floor.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// Agrona 2 reads jdk.internal.misc.Unsafe; JCTools uses sun.misc.Unsafe.
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Group)
public class RingRoundTripBenchmark {
    static final int CAPACITY = 64 * 1024;

    @Param({"16", "64", "256"})
    int size;

    @Param({"1", "16"})
    int batch;

    SpscRing there;
    SpscRing back;
    MemorySegment source;
    Echo echo;
    Count returned;
    OneToOneRingBuffer agronaThere;
    OneToOneRingBuffer agronaBack;
    UnsafeBuffer agronaSource;
    SpscArrayQueue<byte[]> queueThere;
    SpscArrayQueue<byte[]> queueBack;
    byte[][] messages;

    /** Builds the queue pairs. */
    @Setup(Level.Trial)
    public void setUp() {
        there = SpscRing.allocate(Arena.ofShared(), CAPACITY);
        back = SpscRing.allocate(Arena.ofShared(), CAPACITY);
        source = Arena.ofShared().allocate(size);
        echo = new Echo(back.producer());
        returned = new Count();
        agronaThere = agrona();
        agronaBack = agrona();
        agronaSource = new UnsafeBuffer(ByteBuffer.allocateDirect(size));
        queueThere = new SpscArrayQueue<>(1024);
        queueBack = new SpscArrayQueue<>(1024);
        messages = new byte[batch][];
        for (int i = 0; i < batch; i++) {
            messages[i] = new byte[size];
        }
    }

    private static OneToOneRingBuffer agrona() {
        return new OneToOneRingBuffer(new UnsafeBuffer(
                ByteBuffer.allocateDirect(CAPACITY + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    @Benchmark
    @Group("kevy")
    @GroupThreads(1)
    public int kevyPing(Control control) {
        RingProducer producer = there.producer();
        for (int i = 0; i < batch; i++) {
            producer.offer(1, source, 0, size);
        }
        producer.publish();
        int got = 0;
        while (got < batch && !control.stopMeasurement) {
            got += back.consumer().drain(returned, batch - got);
        }
        return got;
    }

    @Benchmark
    @Group("kevy")
    @GroupThreads(1)
    public int kevyPong() {
        int n = there.consumer().drain(echo, Integer.MAX_VALUE);
        if (n > 0) {
            back.producer().publish();
        }
        return n;
    }

    @Benchmark
    @Group("agrona")
    @GroupThreads(1)
    public int agronaPing(Control control) {
        for (int i = 0; i < batch; i++) {
            agronaThere.write(1, agronaSource, 0, size);
        }
        int got = 0;
        while (got < batch && !control.stopMeasurement) {
            got += agronaBack.read(returned, batch - got);
        }
        return got;
    }

    @Benchmark
    @Group("agrona")
    @GroupThreads(1)
    public int agronaPong() {
        return agronaThere.read(echo.agronaEcho(agronaBack), Integer.MAX_VALUE);
    }

    @Benchmark
    @Group("jctools")
    @GroupThreads(1)
    public int jctoolsPing(Control control) {
        for (int i = 0; i < batch; i++) {
            queueThere.offer(messages[i]);
        }
        int got = 0;
        while (got < batch && !control.stopMeasurement) {
            if (queueBack.poll() != null) {
                got++;
            }
        }
        return got;
    }

    @Benchmark
    @Group("jctools")
    @GroupThreads(1)
    public int jctoolsPong() {
        int n = 0;
        byte[] message;
        while ((message = queueThere.poll()) != null) {
            queueBack.offer(message);
            n++;
        }
        return n;
    }

    /** Counts returned records. */
    static final class Count implements RecordHandler, MessageHandler {
        long seen;

        @Override
        public void onRecord(int type, MemorySegment segment, long offset, int length) {
            seen++;
        }

        @Override
        public void onBlock(int type, MemorySegment block, Arena owner) {
            seen++;
        }

        @Override
        public void onMessage(int msgTypeId, MutableDirectBuffer buffer, int index, int length) {
            seen++;
        }
    }

    /** Copies each record it receives into the return queue (published by the caller). */
    static final class Echo implements RecordHandler {
        private final RingProducer back;
        private final AgronaEcho agrona = new AgronaEcho();

        Echo(RingProducer back) {
            this.back = back;
        }

        @Override
        public void onRecord(int type, MemorySegment segment, long offset, int length) {
            back.offer(type, segment, offset, length);
        }

        @Override
        public void onBlock(int type, MemorySegment block, Arena owner) {
            back.offerBlock(type, block, owner);
        }

        AgronaEcho agronaEcho(OneToOneRingBuffer target) {
            agrona.target = target;
            return agrona;
        }
    }

    /** Agrona's echo: writes each message it reads into the return ring. */
    static final class AgronaEcho implements MessageHandler {
        OneToOneRingBuffer target;

        @Override
        public void onMessage(int msgTypeId, MutableDirectBuffer buffer, int index, int length) {
            target.write(msgTypeId, buffer, index, length);
        }
    }
}
