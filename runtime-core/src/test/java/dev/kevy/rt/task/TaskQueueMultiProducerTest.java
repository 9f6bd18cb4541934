package dev.kevy.rt.task;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Several producer threads against one consumer thread through a small queue, so that producers
 * race on every claim, the queue is often full and the indexes wrap thousands of times. Every
 * element must arrive exactly once, and each producer's elements in the order it offered them.
 */
class TaskQueueMultiProducerTest {
    private static final int PRODUCERS = 4;
    private static final int PER_PRODUCER = Integer.getInteger("kevy.test.taskRecords", 200_000);
    private static final int CAPACITY = 64;

    /** One element: who offered it, and its place in that producer's sequence. */
    private record Item(int producer, int seq) {
    }

    /** Checks order per producer as elements arrive; records the first violation. */
    private static final class Checker implements TaskSink<Item> {
        final int[] next = new int[PRODUCERS];
        long received;
        String violation;

        @Override
        public void accept(Item item) {
            received++;
            if (violation == null && item.seq() != next[item.producer()]) {
                violation = "producer " + item.producer() + ": expected seq " + next[item.producer()]
                        + ", got " + item.seq() + " (lost, duplicated or reordered)";
            }
            next[item.producer()] = item.seq() + 1;
        }
    }

    @Test
    void everyElementArrivesOnceAndInEachProducersOrder() throws Exception {
        TaskQueue<Item> queue = new TaskQueue<>(CAPACITY);
        Item[][] items = new Item[PRODUCERS][PER_PRODUCER];
        for (int p = 0; p < PRODUCERS; p++) {
            for (int s = 0; s < PER_PRODUCER; s++) {
                items[p][s] = new Item(p, s);
            }
        }
        long[] refused = new long[PRODUCERS];
        Thread[] producers = new Thread[PRODUCERS];
        for (int p = 0; p < PRODUCERS; p++) {
            int me = p;
            producers[p] = new Thread(() -> {
                for (Item item : items[me]) {
                    while (!queue.offer(item)) {
                        refused[me]++;
                        // Yield, not spin: with more threads than this machine's cores, a spinning
                        // producer would keep the consumer that frees its slot off the CPU.
                        Thread.yield();
                    }
                }
            }, "producer-" + p);
        }
        Checker checker = new Checker();
        ProducersDone done = new ProducersDone();
        Thread consumer = new Thread(() -> {
            while (true) {
                if (queue.drain(checker, 32) == 0) {
                    // Every producer's last store happens-before done is set (join), so once done is
                    // seen, an empty queue is empty for good.
                    if (done.flag && queue.isEmpty()) {
                        return;
                    }
                    Thread.onSpinWait();
                }
            }
        }, "consumer");
        consumer.start();
        for (Thread producer : producers) {
            producer.start();
        }
        for (Thread producer : producers) {
            producer.join();
        }
        done.flag = true;
        consumer.join();

        assertNull(checker.violation);
        assertEquals((long) PRODUCERS * PER_PRODUCER, checker.received);
        int[] expected = new int[PRODUCERS];
        Arrays.fill(expected, PER_PRODUCER);
        assertEquals(Arrays.toString(expected), Arrays.toString(checker.next), "each producer's last element arrived");
        assertEquals(0, queue.size());
        System.out.println("TaskQueueMultiProducerTest: offers refused as full per producer: " + Arrays.toString(refused));
    }

    private static final class ProducersDone {
        volatile boolean flag;
    }
}
