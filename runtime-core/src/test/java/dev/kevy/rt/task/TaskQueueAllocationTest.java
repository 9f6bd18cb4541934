package dev.kevy.rt.task;

import dev.kevy.rt.park.CountingWaker;
import dev.kevy.rt.park.ParkingLot;
import dev.kevy.rt.ring.AllocationMeter;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Neither side of the queue allocates once warmed up: a producer thread submitting through a
 * {@link ShardInbox} (offer, fence, flag check) and a consumer thread draining it. Each thread
 * measures its own allocation per round of {@value #PER_ROUND} elements; after {@value #ROUNDS}
 * rounds (the JIT has compiled both loops by then) the last round of each must be exactly 0 bytes.
 * The elements are made before the threads start. ({@code AllocationMeterTest} shows the meter sees
 * allocation when there is some.)
 */
class TaskQueueAllocationTest {
    private static final int ROUNDS = 12;
    private static final int PER_ROUND = 200_000;

    /** Counts elements; implemented once, as a shard would. */
    private static final class Counter implements TaskSink<Object> {
        long received;

        @Override
        public void accept(Object task) {
            received++;
        }
    }

    @Test
    void offerAndDrainAllocateNothingAfterWarmUp() throws Exception {
        ShardInbox<Object> inbox = new ShardInbox<>(256, new ParkingLot(CountingWaker.many(1)), 0);
        Object[] elements = new Object[1024];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = new Object();
        }
        long[] producerBytes = new long[ROUNDS];
        long[] consumerBytes = new long[ROUNDS];
        Counter counter = new Counter();
        Thread producer = new Thread(() -> {
            for (int round = 0; round < ROUNDS; round++) {
                long before = AllocationMeter.allocatedBytes();
                for (int i = 0; i < PER_ROUND; i++) {
                    while (!inbox.submit(elements[i & 1023])) {
                        Thread.onSpinWait();
                    }
                }
                producerBytes[round] = AllocationMeter.allocatedBytes() - before;
            }
        }, "producer");
        Thread consumer = new Thread(() -> {
            for (int round = 0; round < ROUNDS; round++) {
                long until = (round + 1L) * PER_ROUND;
                long before = AllocationMeter.allocatedBytes();
                while (counter.received < until) {
                    if (inbox.drain(counter, (int) Math.min(64, until - counter.received)) == 0) {
                        Thread.onSpinWait();
                    }
                }
                consumerBytes[round] = AllocationMeter.allocatedBytes() - before;
            }
        }, "consumer");
        producer.start();
        consumer.start();
        producer.join();
        consumer.join();
        assertEquals((long) ROUNDS * PER_ROUND, counter.received);
        assertEquals(0, producerBytes[ROUNDS - 1], () -> "producer bytes per round: " + Arrays.toString(producerBytes));
        assertEquals(0, consumerBytes[ROUNDS - 1], () -> "consumer bytes per round: " + Arrays.toString(consumerBytes));
    }
}
