package dev.kevy.stress.task;

import dev.kevy.rt.park.ParkingLot;
import dev.kevy.rt.task.ShardInbox;
import dev.kevy.stress.FlagWaker;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The submit/park/wake handshake with the real code on both sides. Submitter (any thread):
 * {@link ShardInbox#submit} (the task's release store, then fence, flag load, wake if parked);
 * r1 = whether it woke the shard. Shard: {@link ParkingLot#announcePark} (flag, fence), then the
 * re-check {@link ShardInbox#isEmpty()}; r2 = whether it found the task. If both are 0 the shard
 * would block with a task in its inbox.
 */
@JCStressTest
@Description("Task inbox: a parking shard's re-check and the submitter's flag check cannot both miss")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "Lost wake: the submitter saw 'not parked' and the shard's re-check missed the task.")
@Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "The re-check found the task; no wake was needed.")
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "The re-check missed, but the submitter saw the flag and woke the shard.")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "Both: one spurious, harmless wake.")
@State
public class TaskSubmitParkTest {
    static final Object TASK = new Object();

    private final FlagWaker waker = new FlagWaker();
    private final ParkingLot lot = new ParkingLot(waker);
    private final ShardInbox<Object> inbox = new ShardInbox<>(2, lot, 0);

    @Actor
    public void submitter(II_Result r) {
        inbox.submit(TASK);
        r.r1 = waker.woken() ? 1 : 0;
    }

    @Actor
    public void shard(II_Result r) {
        lot.announcePark(0);
        r.r2 = inbox.isEmpty() ? 0 : 1;
    }
}
