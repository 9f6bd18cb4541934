package dev.kevy.stress.park;

import dev.kevy.rt.park.ParkingLot;
import dev.kevy.rt.ring.RingConsumer;
import dev.kevy.rt.ring.SpscRing;
import dev.kevy.stress.Digits;
import dev.kevy.stress.FlagWaker;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

import java.lang.foreign.Arena;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A consumer that parks with the full protocol, and whose blocking step has no timeout (no
 * backstop), always comes back once a producer publishes a record to it: its re-check finds the
 * record, or the producer's wake releases it, after which the record is there to drain.
 */
@JCStressTest(Mode.Termination)
@Description("Park/wake: a parking consumer with a pending publish is always woken")
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "The consumer found the record or was woken.")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "Lost wake: the consumer blocks forever with a record in its ring.")
@State
public class ParkWakeTerminationTest {
    private final SpscRing ring = SpscRing.allocate(Arena.ofAuto(), 128, 1);
    private final FlagWaker consumerWaker = new FlagWaker();
    private final ParkingLot lot = new ParkingLot(new FlagWaker(), consumerWaker);
    private final Digits seen = new Digits();

    @Actor
    public void consumer() {
        RingConsumer consumer = ring.consumer();
        lot.announcePark(1);
        if (consumer.drain(seen, 1) > 0) {
            lot.clearPark(1);
            return;
        }
        // The blocking step: wait for the waker, with no backstop timeout.
        while (!consumerWaker.woken()) {
            Thread.onSpinWait();
        }
        lot.clearPark(1);
        while (consumer.drain(seen, 1) == 0) {
            Thread.onSpinWait();
        }
    }

    @Signal
    public void producer() {
        ring.producer().offer(1, ParkWakeFenceTest.PAYLOAD, 0, 8);
        ring.producer().publish();
        lot.wakeParked(ParkWakeFenceTest.CONSUMER, 1);
    }
}
