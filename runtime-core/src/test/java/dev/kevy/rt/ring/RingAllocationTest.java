package dev.kevy.rt.ring;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Neither side of the ring allocates per record once warmed up. Each thread measures its own
 * allocation over rounds of {@value #PER_ROUND} records; after {@value #ROUNDS} rounds (the JIT has
 * compiled both loops by then), the last round of each must have allocated exactly 0 bytes.
 */
class RingAllocationTest {
    private static final int ROUNDS = 12;
    private static final int PER_ROUND = 200_000;

    @Test
    void producerAndConsumerAllocateNothingPerRecordAfterWarmUp() throws Exception {
        SpscRing ring = SpscRing.allocate(Arena.ofShared(), 1 << 14);
        MemorySegment source = Arena.ofShared().allocate(256);
        long[] producerBytes = new long[ROUNDS];
        long[] consumerBytes = new long[ROUNDS];
        Counter counter = new Counter();
        Thread producer = new Thread(() -> {
            for (int round = 0; round < ROUNDS; round++) {
                long before = AllocationMeter.allocatedBytes();
                produce(ring.producer(), source, round);
                producerBytes[round] = AllocationMeter.allocatedBytes() - before;
            }
        });
        Thread consumer = new Thread(() -> {
            for (int round = 0; round < ROUNDS; round++) {
                long before = AllocationMeter.allocatedBytes();
                consume(ring.consumer(), counter, (round + 1L) * PER_ROUND);
                consumerBytes[round] = AllocationMeter.allocatedBytes() - before;
            }
        });
        producer.start();
        consumer.start();
        producer.join();
        consumer.join();
        assertEquals((long) ROUNDS * PER_ROUND, counter.records);
        assertEquals(0, producerBytes[ROUNDS - 1], () -> "producer bytes per round: " + java.util.Arrays.toString(producerBytes));
        assertEquals(0, consumerBytes[ROUNDS - 1], () -> "consumer bytes per round: " + java.util.Arrays.toString(consumerBytes));
    }

    private static void produce(RingProducer p, MemorySegment source, int round) {
        for (int i = 0; i < PER_ROUND; i++) {
            int length = 8 + (i & 63);
            if ((i & 1) == 0) {
                long offset;
                while ((offset = p.claim(2, length)) == RingProducer.FULL) {
                    p.publish();
                    Thread.onSpinWait();
                }
                p.segment().set(ValueLayout.JAVA_LONG_UNALIGNED, offset, round);
                p.commit();
            } else {
                while (!p.offer(3, source, 0, length)) {
                    p.publish();
                    Thread.onSpinWait();
                }
            }
            if ((i & 15) == 15) {
                p.publish();
            }
        }
        p.publish();
    }

    private static void consume(RingConsumer c, Counter counter, long until) {
        while (counter.records < until) {
            if (c.drain(counter, (int) Math.min(64, until - counter.records)) == 0) {
                Thread.onSpinWait();
            }
        }
    }

    private static final class Counter implements RecordHandler {
        long records;
        long bytes;

        @Override
        public void onRecord(int type, MemorySegment segment, long offset, int length) {
            records++;
            bytes += segment.get(ValueLayout.JAVA_BYTE, offset) + length;
        }

        @Override
        public void onBlock(int type, MemorySegment block, Arena owner) {
            throw new AssertionError("no blocks were sent");
        }
    }
}
