package dev.kevy.bench.store;

import dev.kevy.server.store.Keyspace;
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
 * ZADD of an existing member with a new random score, what {@code redis-benchmark -t zadd -r N}
 * does once its set is full: the member is found by hash, unlinked from the skiplist and linked
 * in its new place (two walks). 1,000 members stay in cache, 100,000 do not. Run with
 * {@code -prof gc}: 0 bytes per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ZsetBench {
    private static final int MEMBER_LENGTH = 14;
    private static final long NOW = 1_700_000_000_000L;

    @Param({"1000", "100000"})
    public int members;

    private Keyspace keyspace;
    private Arena arena;
    private MemorySegment names;
    private MemorySegment key;
    private long random = 0x2545_F491_4F6C_DD1DL;

    @Setup
    public void setUp() {
        arena = Arena.ofShared();
        names = arena.allocate((long) members * MEMBER_LENGTH);
        key = arena.allocateFrom("bench:zset");
        keyspace = new Keyspace(16, Keyspace.DEFAULT_MAX_VALUE_BYTES);
        for (int i = 0; i < members; i++) {
            long at = (long) i * MEMBER_LENGTH;
            names.set(ValueLayout.JAVA_BYTE, at, (byte) 'm');
            for (int d = MEMBER_LENGTH - 1, v = i; d > 0; d--, v /= 10) {
                names.set(ValueLayout.JAVA_BYTE, at + d, (byte) ('0' + v % 10));
            }
            keyspace.zsets.put(key, 0, 10, names, at, MEMBER_LENGTH, next() % members, NOW);
        }
    }

    @TearDown
    public void tearDown() {
        keyspace.close();
        arena.close();
    }

    private long next() {
        long z = (random += 0x9E37_79B9_7F4A_7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        return (z ^ (z >>> 31)) >>> 1;
    }

    /** A random member gets a random score among as many values as there are members (ties happen, as with redis-benchmark). */
    @Benchmark
    public int zaddMove() {
        long r = next();
        return keyspace.zsets.put(key, 0, 10, names, (r % members) * MEMBER_LENGTH, MEMBER_LENGTH, (r >>> 32) % members, NOW);
    }
}
