package dev.kevy.stress.log;

import dev.kevy.rt.ring.RecordHandler;
import dev.kevy.rt.ring.SpscRing;
import dev.kevy.server.persist.TurnLock;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The append-only log's turn lock: an atomic turn's coordinator writes one record into each of two
 * shards' rings and publishes both while holding it; the log writer takes both rings while
 * holding it. The writer must see the turn whole or not at all: a capture with one shard's part
 * and not the other's would put half a cross-shard RENAME in a block of its own, and a crash
 * right after that block would keep half of it.
 */
@JCStressTest
@Description("Append-only log: a capture takes an atomic turn's records in every ring, or in none")
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "The writer took the rings before the turn.")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "The writer took the rings after the turn, both parts.")
@Outcome(expect = FORBIDDEN, desc = "The writer took one part of the turn without the other.")
@State
public class TurnCaptureTest {
    private static final MemorySegment RECORD = MemorySegment.ofArray(new long[] {42L});
    private static final RecordHandler COUNT = new RecordHandler() {
        @Override
        public void onRecord(int type, MemorySegment segment, long offset, int length) {
        }

        @Override
        public void onBlock(int type, MemorySegment block, Arena owner) {
        }
    };

    private final SpscRing shardA = SpscRing.allocate(Arena.ofAuto(), 256, 2);
    private final SpscRing shardB = SpscRing.allocate(Arena.ofAuto(), 256, 2);
    private final TurnLock lock = new TurnLock();

    @Actor
    public void coordinator() {
        lock.lock();
        shardA.producer().offer(1, RECORD, 0, 8);
        shardB.producer().offer(1, RECORD, 0, 8);
        shardA.producer().publish();
        shardB.producer().publish();
        lock.unlock();
    }

    @Actor
    public void writer(II_Result r) {
        lock.lock();
        r.r1 = shardA.consumer().drain(COUNT, 10);
        r.r2 = shardB.consumer().drain(COUNT, 10);
        lock.unlock();
    }
}
