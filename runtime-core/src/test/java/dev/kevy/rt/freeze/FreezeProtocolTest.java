package dev.kevy.rt.freeze;

import dev.kevy.rt.mesh.Mesh;
import dev.kevy.rt.mesh.MeshPort;
import dev.kevy.rt.park.ParkingLot;
import dev.kevy.rt.park.Waker;
import dev.kevy.rt.ring.RecordHandler;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.opentest4j.AssertionFailedError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The freeze protocol over a real mesh, with every interleaving of shard steps drawn at random (one
 * thread plays every shard, so a run is reproducible from its seed). Participants serve clients
 * and sometimes send the coordinator work that needs a turn; the coordinator queues work of its
 * own too. Checked at every turn and at the end:
 * <ul>
 *   <li>exclusion: when the coordinator holds a turn, every participant is frozen;</li>
 *   <li>fairness: every participant served its clients at least once since the previous turn;</li>
 *   <li>liveness and exactly-once: once nobody adds work, every piece of work runs exactly once
 *       and every participant is thawed within a bounded number of rounds.</li>
 * </ul>
 * A broken coordinator that takes its turn once any participant is frozen must be caught.
 */
class FreezeProtocolTest {

    private static final int WORK = 7;

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5})
    void turnsAreExclusiveFairAndEveryPieceOfWorkRunsOnce(int shards) {
        long crossings = 0;
        for (long seed = 1; seed <= 20; seed++) {
            Simulation run = new Simulation(shards, seed, false);
            run.run(4_000);
            crossings += run.freezesIgnored;
        }
        // The runs met the race the protocol must absorb: a FREEZE crossing an unsolicited FROZEN.
        assertTrue(crossings > 0, "no FREEZE ever reached a frozen participant");
    }

    /** The checks have teeth: a coordinator that runs while one participant still serves is caught. */
    @Test
    void aTurnTakenWhileAParticipantStillRunsIsCaught() {
        AssertionFailedError caught = assertThrows(AssertionFailedError.class, () -> {
            for (long seed = 1; seed <= 20; seed++) {
                new Simulation(3, seed, true).run(4_000);
            }
        });
        assertTrue(caught.getMessage().contains("turn held while shard"), caught.getMessage());
    }

    private static final class Simulation {
        final int shards;
        final SplittableRandom random;
        final Mesh mesh;
        final MeshPort[] ports;
        final FreezeCoordinator coordinator;
        final FreezeParticipant[] participants;
        final MemorySegment empty = Arena.ofAuto().allocate(8);
        final long[] servedSinceTurn;
        final boolean[] midIteration;
        long workSent;
        long workQueued;
        long workRun;
        long turns;
        long freezesIgnored;
        final String name;

        /** Takes a turn as soon as any participant is frozen: the broken variant the checks must catch. */
        final boolean brokenTurn;

        Simulation(int shards, long seed, boolean brokenTurn) {
            this.brokenTurn = brokenTurn;
            this.shards = shards;
            this.random = new SplittableRandom(seed);
            this.name = shards + " shards, seed " + seed;
            Waker[] wakers = new Waker[shards];
            for (int i = 0; i < shards; i++) {
                wakers[i] = () -> { };
            }
            this.mesh = new Mesh(new ParkingLot(wakers), 1024, 2, Arena.ofAuto());
            this.ports = new MeshPort[shards];
            this.participants = new FreezeParticipant[shards];
            for (int i = 0; i < shards; i++) {
                ports[i] = mesh.port(i);
                if (i > 0) {
                    participants[i] = new FreezeParticipant(ports[i], 0, empty);
                }
            }
            this.coordinator = new FreezeCoordinator(ports[0], empty);
            this.servedSinceTurn = new long[shards];
            this.midIteration = new boolean[shards];
        }

        void run(int steps) {
            for (int i = 0; i < steps; i++) {
                step(random.nextInt(shards), true);
            }
            for (int round = 0; round < 20 && !quiet(); round++) {
                for (int s = 0; s < shards; s++) {
                    step(s, false);
                }
            }
            assertTrue(quiet(), () -> name + ": work or a freeze outlived 20 rounds without new work: " + describe());
            assertEquals(workSent, workRun, name + ": every piece of work runs exactly once");
            assertTrue(turns > 0, name + ": the run held turns");
        }

        String describe() {
            StringBuilder sb = new StringBuilder("queued=" + workQueued + " sent=" + workSent + " run=" + workRun
                    + " coordinatorHolds=" + coordinator.holdsAny());
            for (int s = 1; s < shards; s++) {
                sb.append(" | p").append(s).append(" frozen=").append(participants[s].frozen())
                        .append(" wanted=").append(participants[s].wanted()).append(" mid=").append(midIteration[s]);
            }
            return sb.toString();
        }

        boolean quiet() {
            if (workQueued > 0 || coordinator.holdsAny() || workRun != workSent) {
                return false;
            }
            for (int s = 1; s < shards; s++) {
                if (participants[s].frozen() || participants[s].wanted()) {
                    return false;
                }
            }
            return true;
        }

        void step(int shard, boolean addWork) {
            if (shard == 0) {
                coordinatorStep(addWork);
            } else {
                participantStep(shard, addWork);
            }
            ports[shard].flushBacklogs();
            ports[shard].publishAll();
            ports[shard].wakeParkedPeers();
        }

        void coordinatorStep(boolean addWork) {
            ports[0].drainInbound(coordinatorInbox, 64);
            if (addWork && random.nextInt(4) == 0) {
                workSent++;
                workQueued++;
            }
            if (workQueued > 0 && (coordinator.acquire() || brokenTurn && coordinator.holdsAny())) {
                for (int s = 1; s < shards; s++) {
                    assertTrue(participants[s].frozen(), name + ": turn held while shard " + s + " runs");
                    assertTrue(servedSinceTurn[s] > 0, name + ": shard " + s + " served nobody between turns");
                    servedSinceTurn[s] = 0;
                }
                workRun += workQueued;
                workQueued = 0;
                turns++;
                coordinator.release();
            }
        }

        /**
         * A participant's iteration in two steps, so other shards can act in between (as threads
         * do): first drain, serve and maybe send work; then, at the end of the iteration, freeze
         * if wanted.
         */
        void participantStep(int shard, boolean addWork) {
            FreezeParticipant p = participants[shard];
            if (midIteration[shard]) {
                midIteration[shard] = false;
                p.freezeIfWanted();
                return;
            }
            ports[shard].drainInbound(participantInbox[shard], 64);
            if (p.frozen()) {
                return; // a frozen shard only moves ring traffic
            }
            servedSinceTurn[shard]++; // this iteration read and answered its clients
            if (addWork && random.nextInt(3) == 0) {
                workSent++;
                ports[shard].offer(0, WORK, empty, 0, 0);
                p.offerFreeze();
            }
            midIteration[shard] = true;
        }

        final RecordHandler coordinatorInbox = new Inbox() {
            @Override
            public void onRecord(int type, MemorySegment segment, long offset, int length) {
                switch (type) {
                    case WORK -> workQueued++;
                    case FreezeRecords.FROZEN -> coordinator.onFrozen(ports[0].drainingFrom());
                    default -> throw new AssertionError("coordinator got type " + type);
                }
            }
        };

        final RecordHandler[] participantInbox = new RecordHandler[8];

        {
            for (int s = 1; s < participantInbox.length; s++) {
                int shard = s;
                participantInbox[s] = new Inbox() {
                    @Override
                    public void onRecord(int type, MemorySegment segment, long offset, int length) {
                        FreezeParticipant p = participants[shard];
                        switch (type) {
                            case FreezeRecords.FREEZE -> {
                                if (p.frozen()) {
                                    freezesIgnored++;
                                }
                                p.onFreeze();
                            }
                            case FreezeRecords.THAW -> p.onThaw();
                            default -> throw new AssertionError("participant got type " + type);
                        }
                    }
                };
            }
        }
    }

    private abstract static class Inbox implements RecordHandler {
        @Override
        public void onBlock(int type, MemorySegment block, Arena owner) {
            throw new AssertionError("no blocks in this protocol");
        }
    }
}
