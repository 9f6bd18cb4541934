package dev.kevy.stress.freeze;

import dev.kevy.rt.freeze.FreezeCoordinator;
import dev.kevy.rt.freeze.FreezeParticipant;
import dev.kevy.rt.freeze.FreezeRecords;
import dev.kevy.rt.mesh.Mesh;
import dev.kevy.rt.mesh.MeshPort;
import dev.kevy.rt.park.ParkingLot;
import dev.kevy.rt.park.Waker;
import dev.kevy.rt.ring.RecordHandler;
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
 * The freeze handshake between a participant and the coordinator, with the real classes over a
 * real mesh. The participant writes its state plainly, freezes (FROZEN, one ring publish) and
 * waits for THAW; the coordinator drains until it holds the turn, reads the participant's state,
 * writes its own plainly and thaws. Each side must see the other's write: the ring publish of
 * FROZEN (release) pairs with the coordinator's drain (acquire), and THAW's publish with the
 * participant's drain.
 */
@JCStressTest
@Description("Freeze protocol: writes before FROZEN are seen by the coordinator, writes before THAW by the participant")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "Both sides saw the other's write.")
@Outcome(expect = FORBIDDEN, desc = "A write made before FROZEN or THAW was not visible after it.")
@State
public class FreezeHandshakeTest {

    private static final Waker NO_WAKE = () -> { };

    private final Mesh mesh = new Mesh(new ParkingLot(NO_WAKE, NO_WAKE), 1024, 2, Arena.ofAuto());
    private final MemorySegment empty = Arena.ofAuto().allocate(8);
    private final MeshPort coordinatorPort = mesh.port(0);
    private final MeshPort participantPort = mesh.port(1);
    private final FreezeCoordinator coordinator = new FreezeCoordinator(coordinatorPort, empty);
    private final FreezeParticipant participant = new FreezeParticipant(participantPort, 0, empty);

    /** Written by the participant before it freezes; read by the coordinator during its turn. */
    private int participantState;
    /** Written by the coordinator during its turn; read by the participant after the thaw. */
    private int coordinatorState;

    private final RecordHandler coordinatorInbox = new Inbox() {
        @Override
        public void onRecord(int type, MemorySegment segment, long offset, int length) {
            if (type == FreezeRecords.FROZEN) {
                coordinator.onFrozen(coordinatorPort.drainingFrom());
            }
        }
    };

    private final RecordHandler participantInbox = new Inbox() {
        @Override
        public void onRecord(int type, MemorySegment segment, long offset, int length) {
            if (type == FreezeRecords.THAW) {
                participant.onThaw();
            } else if (type == FreezeRecords.FREEZE) {
                participant.onFreeze();
            }
        }
    };

    @Actor
    public void participant(II_Result r) {
        participantState = 1;
        participant.offerFreeze();
        participant.freezeIfWanted();
        participantPort.publishAll();
        while (participant.frozen()) {
            participantPort.drainInbound(participantInbox, 16);
            Thread.onSpinWait();
        }
        r.r2 = coordinatorState;
    }

    @Actor
    public void coordinator(II_Result r) {
        while (true) {
            coordinatorPort.drainInbound(coordinatorInbox, 16);
            if (coordinator.acquire()) {
                break;
            }
            coordinatorPort.publishAll(); // the FREEZE request, which the frozen participant ignores
            Thread.onSpinWait();
        }
        r.r1 = participantState;
        coordinatorState = 1;
        coordinator.release();
        coordinatorPort.publishAll();
    }

    private abstract static class Inbox implements RecordHandler {
        @Override
        public void onBlock(int type, MemorySegment block, Arena owner) {
            throw new IllegalStateException("no blocks in this protocol");
        }
    }
}
