package dev.kevy.bench.store;

import dev.kevy.server.store.Keyspace;
import dev.kevy.server.store.LookAhead;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The keyspace's hot paths as one shard runs them: GET of a present key (lookup and copy of the
 * value into an output buffer, as a reply would), GET of an absent key, SET overwriting a value of
 * the same size (in place), and INCR. Keys are visited in a scattered order so the table and the
 * entries are not walked sequentially.
 *
 * <p>The {@code pipeline} pair runs GETs sixteen at a time, as a shard runs a pipeline, with keys
 * written into a small buffer first (a request's key is in cache, read from the socket): once
 * plainly, once with the {@link LookAhead} the server runs ahead of a pipeline, whose overlapped
 * misses are the difference. Their score is per GET.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar KeyspaceBench -prof gc}; the allocation rate
 * ({@code gc.alloc.rate.norm}) should be about 0 B/op. {@code -p keys=8388608} shows the
 * cache-miss-bound regime.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KeyspaceBench {
    private static final int KEY_LENGTH = 16;
    private static final long NOW = 1_700_000_000_000L;
    private static final long STRIDE = 0x9E37_79B9L; // odd: visits every index of a power-of-two range
    private static final int PIPELINE = 16;

    /** Keys held; a power of two. */
    @Param({"1048576"})
    public int keys;

    /** Bytes per value. */
    @Param({"32"})
    public int valueLength;

    private Keyspace keyspace;
    private Arena arena;
    private MemorySegment present;
    private MemorySegment absent;
    private MemorySegment value;
    private MemorySegment out;
    private MemorySegment counter;
    private int mask;
    private long next;
    private MemorySegment batch;
    private final LookAhead lookAhead = new LookAhead();

    @Setup
    public void setUp() {
        arena = Arena.ofShared();
        present = arena.allocate((long) keys * KEY_LENGTH);
        absent = arena.allocate((long) keys * KEY_LENGTH);
        value = arena.allocate(Math.max(valueLength, 1));
        out = arena.allocate(Math.max(valueLength, 1));
        counter = arena.allocate(KEY_LENGTH);
        batch = arena.allocate((long) PIPELINE * KEY_LENGTH);
        mask = keys - 1;
        if ((keys & mask) != 0) {
            throw new IllegalArgumentException("keys must be a power of two");
        }
        for (int i = 0; i < valueLength; i++) {
            value.set(ValueLayout.JAVA_BYTE, i, (byte) ('a' + i % 26));
        }
        keyspace = new Keyspace(keys + 1, Keyspace.DEFAULT_MAX_VALUE_BYTES);
        for (int i = 0; i < keys; i++) {
            writeKey(present, i, i, 'k');
            writeKey(absent, i, i, 'm');
            keyspace.set(present, (long) i * KEY_LENGTH, KEY_LENGTH, value, 0, valueLength, 0, 0, NOW);
        }
        writeKey(counter, 0, 0, 'c');
        keyspace.incrBy(counter, 0, KEY_LENGTH, 0, NOW);
        while (keyspace.rehash(1 << 20) > 0) {
            // start from a settled table
        }
    }

    @TearDown
    public void tearDown() {
        keyspace.close();
        arena.close();
    }

    /**
     * Writes key number {@code n} into slot {@code slot} of {@code s}: the prefix letter and seven
     * zero bytes, then {@code n} as eight bytes. Two stores, so that writing a pipeline's keys
     * costs next to nothing beside the lookups it measures (a server finds a request's key in its
     * input buffer, written by the kernel); decimal digits cost about 20 ns a key here
     * ({@link #writeKeysOnly} measures what is left).
     */
    private static void writeKey(MemorySegment s, int slot, int n, char prefix) {
        long at = (long) slot * KEY_LENGTH;
        s.set(ValueLayout.JAVA_LONG_UNALIGNED, at, prefix);
        s.set(ValueLayout.JAVA_LONG_UNALIGNED, at + 8, n);
    }

    private long nextKey() {
        return ((next++ * STRIDE) & mask) * KEY_LENGTH;
    }

    @Benchmark
    public long getHit() {
        long entry = keyspace.lookup(present, nextKey(), KEY_LENGTH, NOW);
        MemorySegment.copy(keyspace.segment(entry), keyspace.valueOffset(entry), out, 0, keyspace.valueLength(entry));
        return entry;
    }

    @Benchmark
    @OperationsPerInvocation(PIPELINE)
    public long getHitPipeline() {
        nextBatch();
        return getBatch();
    }

    @Benchmark
    @OperationsPerInvocation(PIPELINE)
    public long getHitPipelineLookedAhead() {
        nextBatch();
        for (int i = 0; i < PIPELINE; i++) {
            lookAhead.add(keyspace, batch, (long) i * KEY_LENGTH, KEY_LENGTH);
        }
        lookAhead.finish();
        return getBatch();
    }

    /** The pipelines' overhead alone: writing sixteen keys into the batch, per key. */
    @Benchmark
    @OperationsPerInvocation(PIPELINE)
    public long writeKeysOnly() {
        nextBatch();
        return batch.get(ValueLayout.JAVA_LONG_UNALIGNED, 8);
    }

    private void nextBatch() {
        for (int i = 0; i < PIPELINE; i++) {
            writeKey(batch, i, (int) ((next++ * STRIDE) & mask), 'k');
        }
    }

    private long getBatch() {
        long sum = 0;
        for (int i = 0; i < PIPELINE; i++) {
            long entry = keyspace.lookup(batch, (long) i * KEY_LENGTH, KEY_LENGTH, NOW);
            MemorySegment.copy(keyspace.segment(entry), keyspace.valueOffset(entry), out, 0, keyspace.valueLength(entry));
            sum += entry;
        }
        return sum;
    }

    @Benchmark
    public long getMiss() {
        return keyspace.lookup(absent, nextKey(), KEY_LENGTH, NOW);
    }

    @Benchmark
    public int setOverwriteSameSize() {
        return keyspace.set(present, nextKey(), KEY_LENGTH, value, 0, valueLength, 0, 0, NOW);
    }

    @Benchmark
    public long incr() {
        return keyspace.incrBy(counter, 0, KEY_LENGTH, 1, NOW);
    }
}
