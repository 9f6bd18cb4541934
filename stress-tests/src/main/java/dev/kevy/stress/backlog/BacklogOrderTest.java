package dev.kevy.stress.backlog;

import dev.kevy.rt.mesh.Mesh;
import dev.kevy.rt.mesh.MeshPort;
import dev.kevy.rt.park.ParkingLot;
import dev.kevy.rt.ring.RecordHandler;
import dev.kevy.stress.FlagWaker;
import org.openjdk.jcstress.annotations.Actor;
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
 * Order across spill and flush with a live consumer: shard 0 sends {@value #RECORDS} records to
 * shard 1 through a ring that holds eight, publishing every few, so records spill to the backlog
 * while shard 1 drains concurrently; shard 0 then flushes until its backlog is empty. Shard 1
 * checks that record {@code i} carries {@code i} (r1: records in order); r2 says whether any
 * record went through the backlog in that run.
 */
@JCStressTest
@Description("Mesh backlog: FIFO per peer across ring, spill and flush")
@Outcome(id = "20, 1", expect = ACCEPTABLE, desc = "Every record once, in order, some through the backlog.")
@Outcome(id = "20, 0", expect = ACCEPTABLE, desc = "Every record once, in order; the consumer kept up, nothing spilled.")
@Outcome(expect = FORBIDDEN, desc = "Lost, duplicated or reordered (the index of the first wrong record).")
@State
public class BacklogOrderTest {
    private static final int RECORDS = 20;
    private static final MemorySegment VALUES = MemorySegment.ofArray(new long[RECORDS]);

    static {
        for (int i = 0; i < RECORDS; i++) {
            VALUES.setAtIndex(ValueLayout.JAVA_LONG, i, i);
        }
    }

    private final Mesh mesh = new Mesh(new ParkingLot(new FlagWaker(), new FlagWaker()), 128, 2, Arena.ofAuto());

    @Actor
    public void sender(II_Result r) {
        MeshPort port = mesh.port(0);
        for (int i = 0; i < RECORDS; i++) {
            port.flushBacklogs();
            port.offer(1, 1, VALUES, i * 8L, 8);
            if (port.hasBacklog()) {
                r.r2 = 1;
            }
            if (i % 3 == 2) {
                port.publishAll();
            }
        }
        port.publishAll();
        while (port.hasBacklog()) {
            port.flushBacklogs();
            port.publishAll();
            Thread.onSpinWait();
        }
    }

    @Actor
    public void receiver(II_Result r) {
        MeshPort port = mesh.port(1);
        Checker checker = new Checker();
        while (checker.next < RECORDS && checker.ok) {
            if (port.drainInbound(checker, 3) == 0) {
                Thread.onSpinWait();
            }
        }
        r.r1 = checker.next;
    }

    private static final class Checker implements RecordHandler {
        int next;
        boolean ok = true;

        @Override
        public void onRecord(int type, MemorySegment segment, long offset, int length) {
            if (ok && segment.get(ValueLayout.JAVA_LONG_UNALIGNED, offset) == next) {
                next++;
            } else {
                ok = false;
            }
        }

        @Override
        public void onBlock(int type, MemorySegment block, Arena owner) {
            ok = false;
        }
    }
}
