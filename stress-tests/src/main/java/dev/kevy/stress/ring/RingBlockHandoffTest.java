package dev.kevy.stress.ring;

import dev.kevy.rt.ring.RingProducer;
import dev.kevy.rt.ring.SpscRing;
import dev.kevy.stress.Digits;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Block handoff through the slot array, with one slot so the producer reuses it. The producer
 * publishes an inline record (1) and a block (2) together, then tries to hand over a second block
 * (3), which needs the slot back (r2 = 1 if it got it). The consumer drains once (r1); the arbiter
 * drains the rest (r3). A block's content must be complete when it arrives, the slot must never be
 * reused before the consumer took its block, and order is FIFO with the inline records.
 */
@JCStressTest
@Description("SPSC ring: block handoff and slot reuse")
@Outcome(id = "0, 0, 12", expect = ACCEPTABLE, desc = "Consumer ran first; the slot was still taken.")
@Outcome(id = "12, 0, 12", expect = ACCEPTABLE, desc = "Consumer took the block after the producer's second try.")
@Outcome(id = "12, 1, 123", expect = ACCEPTABLE, desc = "Slot reused after the consumer took block 2.")
@Outcome(id = "123, 1, 123", expect = ACCEPTABLE, desc = "Slot reused, and the consumer saw block 3 too.")
@Outcome(expect = FORBIDDEN, desc = "Torn block (9), slot reused too early, loss or reordering.")
@State
public class RingBlockHandoffTest {
    private static final MemorySegment SOURCE = MemorySegment.ofArray(new long[] {Digits.pattern(1), Digits.pattern(1)});

    private final SpscRing ring = SpscRing.allocate(Arena.ofAuto(), 256, 1);
    private final MemorySegment first = Arena.ofAuto().allocate(32, 8);
    private final MemorySegment second = Arena.ofAuto().allocate(32, 8);
    private final Digits seen = new Digits();

    @Actor
    public void producer(III_Result r) {
        RingProducer producer = ring.producer();
        producer.offer(1, SOURCE, 0, 16);
        for (long i = 0; i < 32; i += 8) {
            first.set(ValueLayout.JAVA_LONG, i, Digits.pattern(2));
        }
        producer.offerBlock(2, first, null);
        producer.publish();
        for (long i = 0; i < 32; i += 8) {
            second.set(ValueLayout.JAVA_LONG, i, Digits.pattern(3));
        }
        if (producer.offerBlock(3, second, null)) {
            producer.publish();
            r.r2 = 1;
        }
    }

    @Actor
    public void consumer(III_Result r) {
        ring.consumer().drain(seen, 10);
        r.r1 = seen.value();
    }

    @Arbiter
    public void rest(III_Result r) {
        ring.consumer().drain(seen, 10);
        r.r3 = seen.value();
    }
}
