package dev.kevy.rt.task;

import dev.kevy.rt.park.CountingWaker;
import dev.kevy.rt.park.ParkingLot;
import dev.kevy.rt.park.Waker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.Semaphore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShardInboxTest {
    private final CountingWaker[] wakers = CountingWaker.many(2);
    private final ParkingLot lot = new ParkingLot(wakers);

    @Test
    void submitWakesTheShardOnlyWhileItIsParked() {
        ShardInbox<String> inbox = new ShardInbox<>(4, lot, 1);
        assertTrue(inbox.submit("a"));
        assertEquals(0, wakers[1].wakes.get(), "a running shard is not woken");

        lot.announcePark(1);
        assertTrue(inbox.submit("b"));
        assertTrue(inbox.submit("c"));
        assertEquals(2, wakers[1].wakes.get(), "one wake per submit while parked");
        assertEquals(0, wakers[0].wakes.get(), "only the inbox's own shard");

        lot.clearPark(1);
        assertTrue(inbox.submit("d"));
        assertEquals(2, wakers[1].wakes.get());
        assertEquals(4, inbox.size());
    }

    @Test
    void aFullInboxRefusesAndSendsNoWake() {
        ShardInbox<String> inbox = new ShardInbox<>(2, lot, 0);
        assertTrue(inbox.submit("a"));
        assertTrue(inbox.submit("b"));
        lot.announcePark(0);
        assertFalse(inbox.submit("c"));
        assertEquals(0, wakers[0].wakes.get(), "nothing was added, so nothing to wake for");
    }

    @Test
    void parkRecheckSeesATaskSubmittedBeforeTheAnnouncement() {
        ShardInbox<String> inbox = new ShardInbox<>(2, lot, 1);
        assertTrue(inbox.isEmpty());
        inbox.submit("a");
        lot.announcePark(1);
        assertFalse(inbox.isEmpty(), "the re-check finds the task: the shard must not block");
        StringBuilder seen = new StringBuilder();
        assertEquals(1, inbox.drain(seen::append, 8));
        assertEquals("a", seen.toString());
    }

    @Test
    void constructorChecksItsShard() {
        assertThrows(IndexOutOfBoundsException.class, () -> new ShardInbox<String>(4, lot, 2));
        assertThrows(NullPointerException.class, () -> new ShardInbox<String>(4, null, 0));
        ShardInbox<String> inbox = new ShardInbox<>(8, lot, 1);
        assertEquals(1, inbox.shard());
        assertEquals(8, inbox.capacity());
    }

    /**
     * A consumer that parks with the handshake and then blocks with no timeout at all, against a
     * producer submitting one task at a time: every task is taken. A lost wake would leave the
     * consumer blocked and the test would time out.
     */
    @Test
    @Timeout(120)
    void aParkingConsumerWithNoTimeoutTakesEveryTask() throws Exception {
        int tasks = Integer.getInteger("kevy.test.inboxTasks", 20_000);
        SemaphoreWaker consumerWaker = new SemaphoreWaker();
        ParkingLot parking = new ParkingLot(consumerWaker);
        ShardInbox<Integer> inbox = new ShardInbox<>(16, parking, 0);
        Integer[] values = new Integer[tasks];
        for (int i = 0; i < tasks; i++) {
            values[i] = i;
        }
        int[] next = {0};
        long[] parks = {0};
        String[] violation = {null};
        TaskSink<Integer> check = value -> {
            if (violation[0] == null && value != next[0]) {
                violation[0] = "expected " + next[0] + ", got " + value;
            }
            next[0]++;
        };
        Thread consumer = new Thread(() -> {
            while (next[0] < tasks) {
                if (inbox.drain(check, 64) > 0) {
                    continue;
                }
                parking.announcePark(0);
                if (!inbox.isEmpty()) {
                    parking.clearPark(0);
                    continue;
                }
                parks[0]++;
                consumerWaker.await();
                parking.clearPark(0);
            }
        }, "consumer");
        Thread producer = new Thread(() -> {
            for (Integer value : values) {
                while (!inbox.submit(value)) {
                    Thread.onSpinWait();
                }
            }
        }, "producer");
        consumer.start();
        producer.start();
        producer.join();
        consumer.join();
        assertEquals(null, violation[0]);
        assertEquals(tasks, next[0]);
        System.out.println("ShardInboxTest: the consumer blocked " + parks[0] + " times for " + tasks + " tasks");
    }

    /** A waker whose blocking wait has no timeout: it returns only after a wake. */
    private static final class SemaphoreWaker implements Waker {
        private final Semaphore permits = new Semaphore(0);

        @Override
        public void wake() {
            permits.release();
        }

        void await() {
            permits.acquireUninterruptibly();
        }
    }
}
