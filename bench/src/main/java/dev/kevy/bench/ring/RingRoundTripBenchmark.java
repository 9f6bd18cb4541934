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
 * until every record it ever sent has returned. The {@code *Ping} method's time is the round trip;
 * the group score and the ponger's score only count polls, so quote the {@code *Ping} line.
 * Compare with {@link AtomicPingPongBenchmark}'s {@code pinger}, the cache-line floor.
 *
 * <p>The pinger compares cumulative counts (sent against returned), not this call's count: when
 * JMH ends an iteration while a record is in flight, a per-call count would find that record at the
 * start of the next call and from then on measure a pipeline of two, not a round trip. Once
 * JMH sets {@code stopMeasurement} the pinger sends nothing more: JMH keeps calling it until both
 * threads have finished the iteration, and with the ponger already stopped those sends would fill
 * the ring (Agrona's {@code write} then drops the record, which left earlier runs of this benchmark
 * waiting for a reply that never came).
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
    long sent;

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
        if (control.stopMeasurement) {
            return 0;
        }
        RingProducer producer = there.producer();
        for (int i = 0; i < batch; i++) {
            if (!producer.offer(1, source, 0, size)) {
                throw new IllegalStateException("ring full: the echo fell behind by a whole ring");
            }
        }
        producer.publish();
        sent += batch;
        while (returned.seen < sent && !control.stopMeasurement) {
            back.consumer().drain(returned, Integer.MAX_VALUE);
        }
        return batch;
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
        if (control.stopMeasurement) {
            return 0;
        }
        for (int i = 0; i < batch; i++) {
            if (!agronaThere.write(1, agronaSource, 0, size)) {
                throw new IllegalStateException("ring full: the echo fell behind by a whole ring");
            }
        }
        sent += batch;
        while (returned.seen < sent && !control.stopMeasurement) {
            agronaBack.read(returned, Integer.MAX_VALUE);
        }
        return batch;
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
        if (control.stopMeasurement) {
            return 0;
        }
        for (int i = 0; i < batch; i++) {
            if (!queueThere.offer(messages[i])) {
                throw new IllegalStateException("queue full: the echo fell behind by a whole queue");
            }
        }
        sent += batch;
        while (returned.seen < sent && !control.stopMeasurement) {
            if (queueBack.poll() != null) {
                returned.seen++;
            }
        }
        return batch;
    }

    @Benchmark
    @Group("jctools")
    @GroupThreads(1)
    public int jctoolsPong() {
        int n = 0;
        byte[] message;
        while ((message = queueThere.poll()) != null) {
            if (!queueBack.offer(message)) {
                throw new IllegalStateException("return queue full");
            }
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
            if (!back.offer(type, segment, offset, length)) {
                throw new IllegalStateException("return ring full");
            }
        }

        @Override
        public void onBlock(int type, MemorySegment block, Arena owner) {
            if (!back.offerBlock(type, block, owner)) {
                throw new IllegalStateException("return ring full");
            }
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
            if (!target.write(msgTypeId, buffer, index, length)) {
                throw new IllegalStateException("return ring full");
            }
        }
    }
}
