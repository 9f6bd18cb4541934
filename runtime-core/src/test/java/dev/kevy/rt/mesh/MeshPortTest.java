package dev.kevy.rt.mesh;

import dev.kevy.rt.park.CountingWaker;
import dev.kevy.rt.park.ParkingLot;
import dev.kevy.rt.ring.RecordHandler;
import dev.kevy.rt.ring.Recorder;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One shard's port, driven from one thread: paths, order, publish and wake bookkeeping. */
class MeshPortTest {
    private final CountingWaker[] wakers = CountingWaker.many(3);
    private final Mesh mesh = new Mesh(new ParkingLot(wakers), 128, 4, Arena.ofAuto());
    private final MeshPort zero = mesh.port(0);
    private final MeshPort one = mesh.port(1);
    private final MeshPort two = mesh.port(2);

    private static MemorySegment intPayload(int value, int length) {
        MemorySegment s = Arena.ofAuto().allocate(Math.max(length, 4));
        s.set(ValueLayout.JAVA_INT, 0, value);
        return s;
    }

    private static List<Integer> valuesOf(Recorder r) {
        List<Integer> values = new ArrayList<>();
        for (Recorder.Received got : r.received) {
            values.add(MemorySegment.ofArray(got.bytes()).get(ValueLayout.JAVA_INT_UNALIGNED, 0));
        }
        return values;
    }

    @Test
    void recordsToAFullRingSpillAndLaterOnesQueueBehindTheBacklog() {
        for (int i = 0; i < 10; i++) {
            zero.offer(1, 1, intPayload(i, 8), 0, 8); // eight 16-byte records fill the 128-byte ring
        }
        assertEquals(2, zero.backlogSize(1));
        assertTrue(zero.hasBacklog());
        zero.publishAll();
        Recorder r = new Recorder();
        assertEquals(8, one.drainInbound(r, 100));
        // The ring has room now, but record 10 must not overtake 8 and 9.
        zero.offer(1, 1, intPayload(10, 8), 0, 8);
        assertEquals(3, zero.backlogSize(1));
        assertEquals(3, zero.flushBacklogs());
        assertFalse(zero.hasBacklog());
        zero.publishAll();
        assertEquals(3, one.drainInbound(r, 100));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), valuesOf(r));
    }

    @Test
    void outboundBytesCountsRingAndBacklogUntilThePeerConsumes() {
        assertEquals(0, zero.outboundBytes());
        for (int i = 0; i < 10; i++) {
            zero.offer(1, 1, intPayload(i, 8), 0, 8); // eight 16-byte records in the ring, two in the backlog
        }
        assertEquals(10 * 16, zero.outboundBytes(), "written but unpublished records count too");
        zero.publishAll();
        assertEquals(8, one.drainInbound(new Recorder(), 100));
        assertEquals(2 * 16, zero.outboundBytes(), "what the peer consumed is no longer counted");
        zero.flushBacklogs();
        zero.publishAll();
        assertEquals(2, one.drainInbound(new Recorder(), 100));
        assertEquals(0, zero.outboundBytes());
    }

    @Test
    void claimTakesTheSamePathAsOffer() {
        long offset = zero.claim(1, 1, 8);
        assertSame(mesh.ring(0, 1).segment(), zero.claimedSegment(), "empty backlog: claim in the ring");
        zero.claimedSegment().set(ValueLayout.JAVA_INT, offset, 0);
        zero.commit();
        for (int i = 1; i < 9; i++) {
            zero.offer(1, 1, intPayload(i, 8), 0, 8);
        }
        assertEquals(1, zero.backlogSize(1));
        zero.publishAll();
        Recorder r = new Recorder();
        one.drainInbound(r, 100);
        offset = zero.claim(1, 1, 8);
        assertNotSame(mesh.ring(0, 1).segment(), zero.claimedSegment(), "backlog not empty: claim behind it");
        zero.claimedSegment().set(ValueLayout.JAVA_INT, offset, 9);
        zero.commit();
        zero.flushBacklogs();
        zero.publishAll();
        one.drainInbound(r, 100);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), valuesOf(r));
    }

    @Test
    void oversizedOfferTravelsAsABlockWhoseArenaTheReceiverGets() {
        MemorySegment big = Arena.ofAuto().allocate(1000);
        for (int i = 0; i < 1000; i++) {
            big.set(ValueLayout.JAVA_BYTE, i, (byte) i);
        }
        zero.offer(1, 1, intPayload(-1, 8), 0, 8);
        zero.offer(1, 5, big, 0, 1000);
        zero.offer(1, 1, intPayload(-2, 8), 0, 8);
        zero.publishAll();
        Recorder r = new Recorder();
        assertEquals(3, one.drainInbound(r, 100));
        Recorder.Received block = r.received.get(1);
        assertTrue(block.block());
        assertEquals(5, block.type());
        assertEquals(1000, block.bytes().length);
        assertEquals((byte) 999, block.bytes()[999]);
        assertNotNull(block.owner(), "the sender allocated the block; the receiver must free it");
        block.owner().close();
        assertEquals(List.of(-1, 0x03020100, -2), valuesOf(r));
    }

    /**
     * The design's "messages of any size": a 512 MiB value (Redis's largest bulk string) goes to its
     * owner as one block handed over by ownership, between the records sent before and after it,
     * through a 128-byte ring. Nothing is copied; the receiver gets the very segment and frees it.
     */
    @Test
    void aHalfGigabyteValueCrossesAsOneBlockInOrderWithoutACopy() {
        int size = 512 * 1024 * 1024;
        Arena owner = Arena.ofShared();
        MemorySegment value = owner.allocate(size);
        for (long page = 0; page < size; page += 4096) {
            value.set(ValueLayout.JAVA_BYTE, page, (byte) (page >>> 12));
        }
        zero.offer(1, 1, intPayload(-1, 8), 0, 8);
        zero.offerBlock(1, 7, value, owner);
        zero.offer(1, 1, intPayload(-2, 8), 0, 8);
        zero.publishAll();
        List<Long> seen = new ArrayList<>();
        RecordHandler handler = new RecordHandler() {
            @Override
            public void onRecord(int type, MemorySegment segment, long offset, int length) {
                seen.add((long) segment.get(ValueLayout.JAVA_INT, offset));
            }

            @Override
            public void onBlock(int type, MemorySegment block, Arena blockOwner) {
                assertEquals(7, type);
                assertSame(owner, blockOwner, "ownership moves with the block");
                assertEquals(value.address(), block.address(), "the same memory, not a copy");
                for (long page = 0; page < size; page += 4096) {
                    if (block.get(ValueLayout.JAVA_BYTE, page) != (byte) (page >>> 12)) {
                        throw new AssertionError("byte " + page);
                    }
                }
                seen.add(block.byteSize());
                blockOwner.close();
            }
        };
        assertEquals(3, one.drainInbound(handler, 100));
        assertEquals(List.of(-1L, (long) size, -2L), seen);
        assertFalse(value.scope().isAlive(), "the receiver freed the 512 MiB");
    }

    @Test
    void oversizedClaimIsABlockAndCommitMayShortenIt() {
        long offset = zero.claim(2, 7, 5000);
        assertEquals(0, offset);
        zero.claimedSegment().set(ValueLayout.JAVA_INT, 0, 4242);
        zero.commit(4000);
        zero.publishAll();
        Recorder r = new Recorder();
        assertEquals(1, two.drainInbound(r, 10));
        assertEquals(4000, r.received.getFirst().bytes().length);
        assertEquals(List.of(4242), valuesOf(r));
        r.received.getFirst().owner().close();
    }

    @Test
    void abortedBlockClaimFreesItsMemory() {
        zero.claim(2, 7, 5000);
        MemorySegment block = zero.claimedSegment();
        zero.abort();
        assertFalse(block.scope().isAlive());
        zero.publishAll();
        assertEquals(0, two.drainInbound(new Recorder(), 10));
    }

    @Test
    void publishAllStoresEachWrittenRingOnceAndRemembersItsTargets() {
        zero.offer(1, 1, intPayload(1, 4), 0, 4);
        zero.offer(2, 1, intPayload(2, 4), 0, 4);
        zero.offer(1, 1, intPayload(3, 4), 0, 4);
        assertEquals(2, zero.publishAll());
        assertEquals(0, zero.publishAll(), "nothing new");
        assertEquals(2, zero.touchedCount());
        assertEquals(1, zero.touchedTarget(0));
        assertEquals(2, zero.touchedTarget(1));
    }

    @Test
    void onlyParkedTouchedTargetsAreWokenAndOnlyOncePerIteration() {
        ParkingLot lot = mesh.parking();
        lot.announcePark(1);
        lot.announcePark(2);
        zero.offer(1, 1, intPayload(1, 4), 0, 4);
        zero.publishAll();
        zero.offer(1, 1, intPayload(2, 4), 0, 4);
        zero.publishAll();
        assertEquals(1, zero.wakeParkedPeers(), "shard 2 is parked but was sent nothing");
        assertEquals(1, wakers[1].wakes.get());
        assertEquals(0, wakers[2].wakes.get());
        assertEquals(0, zero.touchedCount());
        assertEquals(0, zero.wakeParkedPeers(), "nothing published since");
        lot.clearPark(1);
        zero.offer(1, 1, intPayload(3, 4), 0, 4);
        zero.publishAll();
        assertEquals(0, zero.wakeParkedPeers(), "a spinning target gets no wake");
        assertEquals(1, wakers[1].wakes.get());
    }

    @Test
    void recordsInTheBacklogDoNotCountAsTouched() {
        for (int i = 0; i < 8; i++) {
            zero.offer(1, 1, intPayload(i, 8), 0, 8);
        }
        zero.publishAll();
        zero.wakeParkedPeers();
        zero.offer(1, 1, intPayload(8, 8), 0, 8);
        assertEquals(0, zero.publishAll(), "the spilled record is not in the ring yet");
        assertEquals(0, zero.touchedCount());
    }

    @Test
    void drainInboundVisitsEveryPeerWithinTheLimitAndNamesTheSource() {
        for (int i = 0; i < 5; i++) {
            one.offer(0, 1, intPayload(100 + i, 4), 0, 4);
            two.offer(0, 1, intPayload(200 + i, 4), 0, 4);
        }
        one.publishAll();
        two.publishAll();
        List<Integer> sources = new ArrayList<>();
        Recorder r = new Recorder() {
            @Override
            public void onRecord(int type, MemorySegment segment, long offset, int length) {
                sources.add(zero.drainingFrom());
                super.onRecord(type, segment, offset, length);
            }
        };
        assertEquals(4, zero.drainInbound(r, 2));
        assertEquals(List.of(1, 1, 2, 2), sources);
        assertEquals(List.of(100, 101, 200, 201), valuesOf(r));
        assertEquals(-1, zero.drainingFrom());
    }

    @Test
    void noRingToSelf() {
        MemorySegment p = intPayload(1, 4);
        assertThrows(IllegalArgumentException.class, () -> zero.offer(0, 1, p, 0, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> zero.offer(3, 1, p, 0, 4));
    }
}
