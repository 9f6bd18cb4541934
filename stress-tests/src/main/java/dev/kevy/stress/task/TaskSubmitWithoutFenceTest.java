package dev.kevy.stress.task;

import dev.kevy.rt.park.ParkingLot;
import dev.kevy.rt.task.TaskQueue;
import dev.kevy.stress.FlagWaker;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;

/**
 * Teeth for {@link TaskSubmitParkTest}: the shard side is the real one (flag, full fence, re-check),
 * but the submitter checks the flag with {@link ParkingLot#isParked} right after its offer, without
 * the full fence of {@link ParkingLot#wakeIfParked}: the tempting shortcut "the flag is volatile,
 * so reading it is enough". The task's release store can then still sit in the store buffer when
 * the flag is read (store-load reordering, which x86 does), and jcstress observes the lost wake.
 *
 * <p>ACCEPTABLE_INTERESTING, not FORBIDDEN, so the suite passes while showing the bug; the suite
 * fails if the lost wake is NOT observed ({@code dev.kevy.stress.check.BrokenVariantCheck}), since
 * a harness that can no longer see it proves nothing about the fenced version.
 */
@JCStressTest
@Description("Task inbox WITHOUT the submitter's fence: the lost wake must be observable")
@Outcome(id = "0, 0", expect = ACCEPTABLE_INTERESTING, desc = "Lost wake, observed: this is what the fence in wakeIfParked forbids.")
@Outcome(id = {"0, 1", "1, 0", "1, 1"}, expect = ACCEPTABLE, desc = "Task found or wake sent.")
@State
public class TaskSubmitWithoutFenceTest {
    private final ParkingLot lot = new ParkingLot(new FlagWaker());
    private final TaskQueue<Object> queue = new TaskQueue<>(2);

    @Actor
    public void submitter(II_Result r) {
        queue.offer(TaskSubmitParkTest.TASK);
        // Broken on purpose: no full fence between the slot's release store and this flag load.
        r.r1 = lot.isParked(0) ? 1 : 0;
    }

    @Actor
    public void shard(II_Result r) {
        lot.announcePark(0);
        r.r2 = queue.isEmpty() ? 0 : 1;
    }
}
