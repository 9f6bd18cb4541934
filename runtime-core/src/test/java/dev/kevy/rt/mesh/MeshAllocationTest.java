package dev.kevy.rt.mesh;

import dev.kevy.rt.park.CountingWaker;
import dev.kevy.rt.park.ParkingLot;
import dev.kevy.rt.ring.AllocationMeter;
import dev.kevy.rt.ring.RecordHandler;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mesh path allocates nothing per record in steady state, even while records spill to the
 * backlog and flush back: shard 0 sends to shard 1 through a small ring faster than shard 1
 * drains, holding its backlog under a bound (as connection backpressure would). Each thread
 * measures its own allocation per round; the last round of each must be 0 bytes.
 */
class MeshAllocationTest {
    private static final int ROUNDS = 12;
    private static final int PER_ROUND = 200_000;
    private static final int BACKLOG_BOUND = 500;

    @Test
    void spillingAndFlushingAllocateNothingPerRecordAfterWarmUp() throws Exception {
        Mesh mesh = new Mesh(new ParkingLot(CountingWaker.many(2)), 1024, 4, Arena.ofShared());
        MeshPort sender = mesh.port(0);
        MeshPort receiver = mesh.port(1);
        MemorySegment source = Arena.ofShared().allocate(64);
        long[] senderBytes = new long[ROUNDS];
        long[] receiverBytes = new long[ROUNDS];
        long[] spills = new long[1];
        Counter counter = new Counter();
        Thread producer = new Thread(() -> {
            for (int round = 0; round < ROUNDS; round++) {
                long before = AllocationMeter.allocatedBytes();
                spills[0] += send(sender, source);
                senderBytes[round] = AllocationMeter.allocatedBytes() - before;
            }
        });
        Thread consumer = new Thread(() -> {
            for (int round = 0; round < ROUNDS; round++) {
                long before = AllocationMeter.allocatedBytes();
                receive(receiver, counter, (round + 1L) * PER_ROUND);
                receiverBytes[round] = AllocationMeter.allocatedBytes() - before;
            }
        });
        producer.start();
        consumer.start();
        producer.join();
        consumer.join();
        assertEquals((long) ROUNDS * PER_ROUND, counter.records);
        assertTrue(spills[0] > 0, "records went through the backlog");
        assertEquals(0, senderBytes[ROUNDS - 1], () -> "sender bytes per round: " + Arrays.toString(senderBytes));
        assertEquals(0, receiverBytes[ROUNDS - 1], () -> "receiver bytes per round: " + Arrays.toString(receiverBytes));
        mesh.close();
    }

    /** Sends one round; returns how many records were sent while the backlog was not empty. */
    private static long send(MeshPort port, MemorySegment source) {
        long spilled = 0;
        int sent = 0;
        while (sent < PER_ROUND) {
            port.flushBacklogs();
            if (port.backlogSize(1) < BACKLOG_BOUND) {
                for (int i = 0; i < 16 && sent < PER_ROUND; i++, sent++) {
                    int length = 8 + (sent & 15);
                    if ((sent & 1) == 0) {
                        port.offer(1, 1, source, 0, length);
                    } else {
                        long offset = port.claim(1, 1, length);
                        port.claimedSegment().set(ValueLayout.JAVA_LONG_UNALIGNED, offset, sent);
                        port.commit();
                    }
                    if (port.hasBacklog()) {
                        spilled++;
                    }
                }
            } else {
                Thread.onSpinWait();
            }
            port.publishAll();
            port.wakeParkedPeers();
        }
        while (port.hasBacklog()) {
            port.flushBacklogs();
            port.publishAll();
            port.wakeParkedPeers();
        }
        return spilled;
    }

    private static void receive(MeshPort port, Counter counter, long until) {
        while (counter.records < until) {
            if (port.drainInbound(counter, (int) Math.min(32, until - counter.records)) == 0) {
                Thread.onSpinWait();
            }
        }
    }

    private static final class Counter implements RecordHandler {
        long records;
        long sum;

        @Override
        public void onRecord(int type, MemorySegment segment, long offset, int length) {
            records++;
            sum += segment.get(ValueLayout.JAVA_BYTE, offset) + length;
        }

        @Override
        public void onBlock(int type, MemorySegment block, Arena owner) {
            throw new AssertionError("no blocks were sent");
        }
    }
}
