package dev.kevy.bench.store;

import dev.kevy.server.store.Hashes;
import dev.kevy.server.store.Keyspace;
import dev.kevy.server.store.Sets;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Hash and set operations on one collection of {@code elements} elements: 100 stays in the packed
 * encoding (listpack), 100000 is a table. Run with {@code -prof gc}: every operation allocates
 * 0 bytes. Fields and members are 12-byte strings chosen by a fixed stride over the element range,
 * so each call touches another element.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CollectionBench {
    private static final int FIELD_LENGTH = 12;
    private static final long NOW = 1_700_000_000_000L;
    private static final long STRIDE = 0x9E37_79B9L;

    /** Elements in the hash and the set: 100 is packed, 100000 a table. */
    @Param({"100", "100000"})
    public int elements;

    private Keyspace keyspace;
    private Arena arena;
    private MemorySegment fields;
    private MemorySegment hashKey;
    private MemorySegment setKey;
    private MemorySegment value;
    private long next;

    @Setup
    public void setUp() {
        arena = Arena.ofShared();
        fields = arena.allocate((long) elements * FIELD_LENGTH);
        hashKey = arena.allocateFrom("bench:hash");
        setKey = arena.allocateFrom("bench:set");
        value = arena.allocateFrom("value-of-16-byte");
        keyspace = new Keyspace(16, Keyspace.DEFAULT_MAX_VALUE_BYTES);
        for (int i = 0; i < elements; i++) {
            long at = (long) i * FIELD_LENGTH;
            fields.set(ValueLayout.JAVA_BYTE, at, (byte) 'f');
            for (int d = FIELD_LENGTH - 1, v = i; d > 0; d--, v /= 10) {
                fields.set(ValueLayout.JAVA_BYTE, at + d, (byte) ('0' + v % 10));
            }
            keyspace.hashes.set(hashKey, 0, 10, fields, at, FIELD_LENGTH, value, 0, 16, false, NOW);
            keyspace.sets.add(setKey, 0, 9, fields, at, FIELD_LENGTH, NOW);
        }
    }

    @TearDown
    public void tearDown() {
        keyspace.close();
        arena.close();
    }

    private long nextField() {
        return ((next++ * STRIDE) % elements) * FIELD_LENGTH;
    }

    @Benchmark
    public int hget() {
        Hashes h = keyspace.hashes;
        long at = h.get(hashKey, 0, 10, fields, nextField(), FIELD_LENGTH, NOW);
        return h.length(at);
    }

    @Benchmark
    public int hsetExisting() {
        return keyspace.hashes.set(hashKey, 0, 10, fields, nextField(), FIELD_LENGTH, value, 0, 16, false, NOW);
    }

    @Benchmark
    public boolean sismember() {
        Sets s = keyspace.sets;
        long entry = s.find(setKey, 0, 9, NOW);
        return s.contains(entry, fields, nextField(), FIELD_LENGTH);
    }

    @Benchmark
    public int sremThenSadd() {
        long at = nextField();
        Sets s = keyspace.sets;
        return s.remove(setKey, 0, 9, fields, at, FIELD_LENGTH, NOW) + s.add(setKey, 0, 9, fields, at, FIELD_LENGTH, NOW);
    }
}
