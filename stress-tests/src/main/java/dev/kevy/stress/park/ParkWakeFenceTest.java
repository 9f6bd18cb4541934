package dev.kevy.stress.park;

import dev.kevy.rt.park.ParkingLot;
import dev.kevy.rt.ring.SpscRing;
import dev.kevy.stress.Digits;
import dev.kevy.stress.FlagWaker;
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
 * The park/wake invariant, with the real code on both sides. Producer (shard 0): write a record,
 * publish, then {@link ParkingLot#wakeParked} (fence, read shard 1's flag); r1 = wakes sent.
 * Consumer (shard 1): {@link ParkingLot#announcePark} (flag, fence), then the re-check drain;
 * r2 = records found. If both are 0 the consumer would block with a record in its ring.
 */
@JCStressTest
@Description("Park/wake: a parked shard's re-check and the producer's flag check cannot both miss")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "Lost wake: producer saw 'not parked' and the consumer's last drain missed the record.")
@Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "The re-check found the record; no wake was needed.")
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "The re-check missed, but the producer saw the flag and woke the consumer.")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "Both: one spurious, harmless wake.")
@State
public class ParkWakeFenceTest {
    static final int[] CONSUMER = {1};
    static final MemorySegment PAYLOAD = MemorySegment.ofArray(new long[] {Digits.pattern(1)});

    private final SpscRing ring = SpscRing.allocate(Arena.ofAuto(), 128, 1);
    private final ParkingLot lot = new ParkingLot(new FlagWaker(), new FlagWaker());
    private final Digits seen = new Digits();

    @Actor
    public void producer(II_Result r) {
        ring.producer().offer(1, PAYLOAD, 0, 8);
        ring.producer().publish();
        r.r1 = lot.wakeParked(CONSUMER, 1);
    }

    @Actor
    public void consumer(II_Result r) {
        lot.announcePark(1);
        r.r2 = ring.consumer().drain(seen, 1);
    }
}
