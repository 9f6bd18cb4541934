package dev.kevy.stress.park;

import dev.kevy.rt.ring.SpscRing;
import dev.kevy.stress.Digits;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import java.lang.foreign.Arena;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;

/**
 * Teeth for {@link ParkWakeFenceTest}: the same protocol with the two full fences removed (the
 * parked flag is stored and loaded with opaque accesses, as a plausible "optimisation" would do).
 * Each side's store can then be ordered after its following load (store-load reordering, which
 * x86 performs through its store buffer), and jcstress observes the lost wake. It is marked
 * ACCEPTABLE_INTERESTING rather than FORBIDDEN so the suite passes while showing that it can see
 * the bug the fences prevent; and since jcstress would pass it just as well if it saw nothing,
 * {@code dev.kevy.stress.check.BrokenVariantCheck} fails the run when the lost wake is not observed.
 */
@JCStressTest
@Description("Park/wake WITHOUT the fences: the lost wake must be observable")
@Outcome(id = "0, 0", expect = ACCEPTABLE_INTERESTING, desc = "Lost wake, observed: this is what the fences in ParkingLot forbid.")
@Outcome(id = {"0, 1", "1, 0", "1, 1"}, expect = ACCEPTABLE, desc = "Record found or wake sent.")
@State
public class ParkWakeWithoutFenceTest {
    private static final VarHandle PARKED;

    static {
        try {
            PARKED = MethodHandles.lookup().findVarHandle(ParkWakeWithoutFenceTest.class, "parked", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SpscRing ring = SpscRing.allocate(Arena.ofAuto(), 128, 1);
    private final Digits seen = new Digits();
    private int parked;

    @Actor
    public void producer(II_Result r) {
        ring.producer().offer(1, ParkWakeFenceTest.PAYLOAD, 0, 8);
        ring.producer().publish();
        // Broken on purpose: no full fence between the tail's release store and this load.
        r.r1 = (int) PARKED.getOpaque(this);
    }

    @Actor
    public void consumer(II_Result r) {
        // Broken on purpose: no full fence between this store and the drain's load of the tail.
        PARKED.setOpaque(this, 1);
        r.r2 = ring.consumer().drain(seen, 1);
    }
}
