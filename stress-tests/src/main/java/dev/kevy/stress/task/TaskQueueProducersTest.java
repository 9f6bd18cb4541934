package dev.kevy.stress.task;

import dev.kevy.rt.task.TaskQueue;
import dev.kevy.rt.task.TaskSink;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Two producers, one of them the consumer itself, on a queue of two slots whose indexes start at
 * 1, so that the four positions land on slots 1, 0, 1, 0: the producers race on claims, a slot is
 * refilled while the consumer may be clearing it, and the queue can be full. (Two actors, not
 * three: jcstress skips a test with more actors than the machine has CPUs, and CI has two.)
 *
 * <p>The producer offers 1 then 2. The shard thread, which owns the consumer side and may submit
 * to its own inbox like any thread, offers 3, drains once, then offers 4. Each records the digits
 * of its offers that were taken (r1, r3); the arbiter drains the rest. r2 and r4 are the digits
 * delivered of each one's elements, in delivery order. Correct means delivered == taken for each:
 * nothing lost, nothing duplicated, each producer's order kept. A refused offer (full queue) is
 * fine as long as it is not delivered.
 */
@JCStressTest
@Description("Task queue: two producers, one consumer; every taken element delivered once, in its producer's order")
@Outcome(id = "12, 12, 34, 34", expect = ACCEPTABLE, desc = "All four taken and delivered in order.")
@Outcome(id = "(\\d+), \\1, (\\d+), \\2", expect = ACCEPTABLE, desc = "Some offers refused as full; the taken ones delivered once, in order.")
@Outcome(expect = FORBIDDEN, desc = "Delivered differs from taken: an element lost, duplicated or reordered.")
@State
public class TaskQueueProducersTest implements TaskSink<Integer> {
    private final TaskQueue<Integer> queue = new TaskQueue<>(2);
    private int fromProducer;
    private int fromShard;

    public TaskQueueProducersTest() {
        // Move both indexes to 1 so that this test's four positions wrap the two slots twice.
        queue.offer(0);
        queue.poll();
    }

    @Actor
    public void producer(IIII_Result r) {
        int taken = 0;
        if (queue.offer(1)) {
            taken = 1;
        }
        if (queue.offer(2)) {
            taken = taken * 10 + 2;
        }
        r.r1 = taken;
    }

    @Actor
    public void shard(IIII_Result r) {
        int taken = 0;
        if (queue.offer(3)) {
            taken = 3;
        }
        queue.drain(this, 4);
        if (queue.offer(4)) {
            taken = taken * 10 + 4;
        }
        r.r3 = taken;
    }

    @Arbiter
    public void arbiter(IIII_Result r) {
        queue.drain(this, 4);
        r.r2 = fromProducer;
        r.r4 = fromShard;
    }

    @Override
    public void accept(Integer task) {
        int digit = task;
        if (digit <= 2) {
            fromProducer = fromProducer * 10 + digit;
        } else {
            fromShard = fromShard * 10 + digit;
        }
    }
}
