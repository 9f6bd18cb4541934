package dev.kevy.stress.ring;

import dev.kevy.rt.ring.RingConsumer;
import dev.kevy.rt.ring.RingProducer;
import dev.kevy.rt.ring.SpscRing;
import dev.kevy.stress.Digits;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Batch publish across the wrap. The ring (256 bytes, 24-byte records) starts 16 bytes before its
 * end, so record 1 needs a padding record and lands at offset 0. The producer writes record 1 in
 * place through a claim (two separate long stores), copies record 2, publishes both at once, then
 * writes and publishes record 3. The consumer drains once (r1); the arbiter drains the rest (r2 is
 * everything in arrival order).
 */
@JCStressTest
@Description("SPSC ring: payload visibility, batch publish and wrap-around")
@Outcome(id = "0, 123", expect = ACCEPTABLE, desc = "Consumer ran before the first publish.")
@Outcome(id = "12, 123", expect = ACCEPTABLE, desc = "Consumer saw the first batch, whole.")
@Outcome(id = "123, 123", expect = ACCEPTABLE, desc = "Consumer saw both publishes.")
@Outcome(expect = FORBIDDEN, desc = "Torn payload (9), half a batch, loss, duplication or reordering.")
@State
public class RingBatchWrapTest {
    private static final int PAYLOAD = 16;
    private static final MemorySegment SOURCE = MemorySegment.ofArray(new long[] {
            Digits.pattern(2), Digits.pattern(2), Digits.pattern(3), Digits.pattern(3)});

    private final SpscRing ring = SpscRing.allocate(Arena.ofAuto(), 256, 2);
    private final Digits seen = new Digits();

    public RingBatchWrapTest() {
        // Ten 24-byte records move both indexes to 240: 16 bytes before the end.
        RingProducer producer = ring.producer();
        for (int i = 0; i < 10; i++) {
            producer.offer(0, SOURCE, 0, PAYLOAD);
        }
        producer.publish();
        ring.consumer().drain(new Digits(), 10);
    }

    @Actor
    public void producer() {
        RingProducer producer = ring.producer();
        long offset = producer.claim(1, PAYLOAD);
        MemorySegment segment = producer.segment();
        segment.set(ValueLayout.JAVA_LONG, offset, Digits.pattern(1));
        segment.set(ValueLayout.JAVA_LONG, offset + 8, Digits.pattern(1));
        producer.commit();
        producer.offer(2, SOURCE, 0, PAYLOAD);
        producer.publish();
        producer.offer(3, SOURCE, 16, PAYLOAD);
        producer.publish();
    }

    @Actor
    public void consumer(II_Result r) {
        ring.consumer().drain(seen, 10);
        r.r1 = seen.value();
    }

    @Arbiter
    public void rest(II_Result r) {
        RingConsumer consumer = ring.consumer();
        consumer.drain(seen, 10);
        r.r2 = seen.value();
    }
}
