package dev.kevy.bench.ring;

import dev.kevy.rt.ring.RecordHandler;
import dev.kevy.rt.ring.RingConsumer;
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
import org.openjdk.jmh.annotations.TearDown;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * One producer thread and one consumer thread move records as fast as they can. Read the
 * {@code received} counter (records per microsecond), not the primary score.
 *
 * <ul>
 *   <li>{@code kevy}: {@link SpscRing}; the producer copies {@code batch} records, then publishes
 *       once; the consumer drains up to {@code batch} per call.</li>
 *   <li>{@code agrona}: {@code OneToOneRingBuffer} with the same record sizes and capacity; it
 *       has no batch publish, so each write is its own release.</li>
 *   <li>{@code jctools}: {@code SpscArrayQueue} of references to pre-built messages of the same
 *       size (no copy; the consumer touches each message).</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// Agrona 2 reads jdk.internal.misc.Unsafe; JCTools uses sun.misc.Unsafe.
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Group)
public class RingThroughputBenchmark {
    static final int CAPACITY = 64 * 1024;

    @Param({"16", "64", "256"})
    int size;

    @Param({"1", "16"})
    int batch;

    SpscRing ring;
    MemorySegment source;
    Sink sink;
    OneToOneRingBuffer agrona;
    UnsafeBuffer agronaSource;
    SpscArrayQueue<byte[]> queue;
    byte[][] messages;
    int nextMessage;

    /** Builds all three queues; each group uses its own. */
    @Setup(Level.Trial)
    public void setUp() {
        ring = SpscRing.allocate(Arena.ofShared(), CAPACITY);
        source = Arena.ofShared().allocate(size);
        sink = new Sink();
        agrona = new OneToOneRingBuffer(new UnsafeBuffer(
                ByteBuffer.allocateDirect(CAPACITY + RingBufferDescriptor.TRAILER_LENGTH)));
        agronaSource = new UnsafeBuffer(ByteBuffer.allocateDirect(size));
        queue = new SpscArrayQueue<>(CAPACITY / (size + 8));
        messages = new byte[1024][];
        for (int i = 0; i < messages.length; i++) {
            messages[i] = new byte[size];
        }
    }

    /** Drops whatever an iteration left in flight. */
    @TearDown(Level.Iteration)
    public void drainLeftovers() {
        while (ring.consumer().drain(sink, Integer.MAX_VALUE) > 0) {
            Thread.onSpinWait();
        }
        agrona.read(sink, Integer.MAX_VALUE);
        queue.clear();
    }

    @Benchmark
    @Group("kevy")
    @GroupThreads(1)
    public void kevyProduce(Counters counters) {
        RingProducer producer = ring.producer();
        int n = 0;
        while (n < batch && producer.offer(1, source, 0, size)) {
            n++;
        }
        producer.publish();
        counters.sent += n;
        if (n == 0) {
            counters.full++;
        }
    }

    @Benchmark
    @Group("kevy")
    @GroupThreads(1)
    public void kevyConsume(Counters counters) {
        RingConsumer consumer = ring.consumer();
        int n = consumer.drain(sink, batch);
        counters.received += n;
        if (n == 0) {
            counters.empty++;
        }
    }

    @Benchmark
    @Group("agrona")
    @GroupThreads(1)
    public void agronaProduce(Counters counters) {
        int n = 0;
        while (n < batch && agrona.write(1, agronaSource, 0, size)) {
            n++;
        }
        counters.sent += n;
        if (n == 0) {
            counters.full++;
        }
    }

    @Benchmark
    @Group("agrona")
    @GroupThreads(1)
    public void agronaConsume(Counters counters) {
        int n = agrona.read(sink, batch);
        counters.received += n;
        if (n == 0) {
            counters.empty++;
        }
    }

    @Benchmark
    @Group("jctools")
    @GroupThreads(1)
    public void jctoolsProduce(Counters counters) {
        int n = 0;
        int next = nextMessage;
        while (n < batch && queue.offer(messages[next])) {
            next = (next + 1) & (messages.length - 1);
            n++;
        }
        nextMessage = next;
        counters.sent += n;
        if (n == 0) {
            counters.full++;
        }
    }

    @Benchmark
    @Group("jctools")
    @GroupThreads(1)
    public void jctoolsConsume(Counters counters) {
        int n = 0;
        byte[] message;
        while (n < batch && (message = queue.poll()) != null) {
            sink.touched += message[0];
            n++;
        }
        counters.received += n;
        if (n == 0) {
            counters.empty++;
        }
    }

    /** Reads the first byte of each record, so the consumer really touches the payload. */
    static final class Sink implements RecordHandler, MessageHandler {
        long touched;

        @Override
        public void onRecord(int type, MemorySegment segment, long offset, int length) {
            touched += segment.get(ValueLayout.JAVA_BYTE, offset);
        }

        @Override
        public void onBlock(int type, MemorySegment block, Arena owner) {
            touched += block.byteSize();
        }

        @Override
        public void onMessage(int msgTypeId, MutableDirectBuffer buffer, int index, int length) {
            touched += buffer.getByte(index);
        }
    }
}
