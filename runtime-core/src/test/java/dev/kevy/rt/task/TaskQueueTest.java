package dev.kevy.rt.task;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The queue on one thread: order, bounds, wraparound and the consumer's views. */
class TaskQueueTest {

    /** Collects what a drain hands over. */
    private static final class Collect implements TaskSink<String> {
        final List<String> seen = new ArrayList<>();

        @Override
        public void accept(String task) {
            seen.add(task);
        }
    }

    @Test
    void oneProducersElementsComeOutInOfferOrder() {
        TaskQueue<String> queue = new TaskQueue<>(8);
        assertTrue(queue.offer("a"));
        assertTrue(queue.offer("b"));
        assertTrue(queue.offer("c"));
        Collect sink = new Collect();
        assertEquals(3, queue.drain(sink, 10));
        assertEquals(List.of("a", "b", "c"), sink.seen);
        assertTrue(queue.isEmpty());
        assertEquals(0, queue.drain(sink, 10));
    }

    @Test
    void fullQueueRefusesAndTakesAgainOnceTheConsumerFreesASlot() {
        TaskQueue<String> queue = new TaskQueue<>(4);
        for (String s : List.of("a", "b", "c", "d")) {
            assertTrue(queue.offer(s));
        }
        assertFalse(queue.offer("e"), "a full queue refuses");
        assertFalse(queue.offer("e"), "and goes on refusing while nothing is consumed");
        assertEquals(4, queue.size());
        assertEquals("a", queue.poll());
        assertTrue(queue.offer("e"), "one slot freed, one offer taken");
        assertFalse(queue.offer("f"));
        Collect sink = new Collect();
        assertEquals(4, queue.drain(sink, 100));
        assertEquals(List.of("b", "c", "d", "e"), sink.seen);
    }

    @Test
    void indexesWrapAroundTheSlotsManyTimesInOrder() {
        TaskQueue<String> queue = new TaskQueue<>(4);
        Collect sink = new Collect();
        List<String> expected = new ArrayList<>();
        int next = 0;
        // Uneven batches, so the head and tail meet every slot at every phase of the lap.
        for (int round = 0; round < 1000; round++) {
            int batch = 1 + round % 4;
            for (int i = 0; i < batch; i++) {
                String s = Integer.toString(next++);
                assertTrue(queue.offer(s));
                expected.add(s);
            }
            assertEquals(batch, queue.size());
            assertEquals(batch, queue.drain(sink, batch));
        }
        assertEquals(expected, sink.seen);
        assertTrue(queue.isEmpty());
    }

    @Test
    void drainStopsAtItsLimitAndLeavesTheRest() {
        TaskQueue<String> queue = new TaskQueue<>(8);
        queue.offer("a");
        queue.offer("b");
        queue.offer("c");
        Collect sink = new Collect();
        assertEquals(2, queue.drain(sink, 2));
        assertFalse(queue.isEmpty());
        assertEquals(0, queue.drain(sink, 0));
        assertEquals(1, queue.drain(sink, 2));
        assertEquals(List.of("a", "b", "c"), sink.seen);
    }

    @Test
    void pollReturnsNullWhenEmpty() {
        TaskQueue<String> queue = new TaskQueue<>(2);
        assertNull(queue.poll());
        assertTrue(queue.isEmpty());
        String s = "x";
        queue.offer(s);
        assertFalse(queue.isEmpty());
        assertSame(s, queue.poll());
        assertNull(queue.poll());
    }

    @Test
    void aSinkThatThrowsHasConsumedItsElement() {
        TaskQueue<String> queue = new TaskQueue<>(4);
        queue.offer("poison");
        queue.offer("next");
        TaskSink<String> throwing = task -> {
            throw new IllegalStateException(task);
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> queue.drain(throwing, 10));
        assertEquals("poison", e.getMessage());
        assertEquals("next", queue.poll(), "the poison element is gone, the next one is still there");
    }

    @Test
    void capacityOfOneHoldsOneElement() {
        TaskQueue<String> queue = new TaskQueue<>(1);
        assertEquals(1, queue.capacity());
        assertTrue(queue.offer("a"));
        assertFalse(queue.offer("b"));
        assertEquals("a", queue.poll());
        assertTrue(queue.offer("b"));
        assertEquals("b", queue.poll());
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TaskQueue<String>(0));
        assertThrows(IllegalArgumentException.class, () -> new TaskQueue<String>(6));
        assertThrows(IllegalArgumentException.class, () -> new TaskQueue<String>(-8));
        assertThrows(IllegalArgumentException.class, () -> new TaskQueue<String>(1 << 31));
        assertEquals(1024, new TaskQueue<String>(1024).capacity());
        TaskQueue<String> queue = new TaskQueue<>(2);
        assertThrows(NullPointerException.class, () -> queue.offer(null));
        assertTrue(queue.isEmpty(), "a refused null leaves no trace");
        assertEquals(0, queue.size());
    }
}
