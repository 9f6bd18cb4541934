package dev.kevy.rt.mesh;

import dev.kevy.rt.ring.Recorder;
import dev.kevy.rt.ring.SpscRing;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BacklogTest {

    private static MemorySegment intPayload(int value) {
        MemorySegment s = Arena.ofAuto().allocate(64);
        s.set(ValueLayout.JAVA_INT, 0, value);
        return s;
    }

    private static int intOf(Recorder.Received r) {
        return MemorySegment.ofArray(r.bytes()).get(ValueLayout.JAVA_INT_UNALIGNED, 0);
    }

    @Test
    void flushMovesRecordsOldestFirstUntilTheRingIsFull() {
        SpscRing ring = SpscRing.allocate(Arena.ofAuto(), 128); // eight 16-byte records
        Backlog backlog = new Backlog(64, ring.maxRecordLength());
        for (int i = 0; i < 20; i++) {
            backlog.offer(1, intPayload(i), 0, 8);
        }
        assertEquals(20, backlog.size());
        assertEquals(8, backlog.flushTo(ring.producer()));
        assertEquals(12, backlog.size());
        assertEquals(0, backlog.flushTo(ring.producer()), "ring still full");
        ring.producer().publish();
        Recorder r = new Recorder();
        int next = 0;
        while (!backlog.isEmpty() || !r.received.isEmpty()) {
            ring.consumer().drain(r, 3);
            for (Recorder.Received got : r.received) {
                assertEquals(next++, intOf(got));
            }
            r.received.clear();
            backlog.flushTo(ring.producer());
            ring.producer().publish();
            if (backlog.isEmpty()) {
                ring.consumer().drain(r, 100);
            }
        }
        assertEquals(20, next);
        assertEquals(0, backlog.size());
    }

    @Test
    void growsWhenFullAndKeepsOrder() {
        Backlog backlog = new Backlog(32, 1000);
        for (int i = 0; i < 1000; i++) {
            backlog.offer(i, intPayload(i), 0, 4 + (i % 50));
        }
        assertTrue(backlog.capacity() >= 1000 * 16L);
        SpscRing ring = SpscRing.allocate(Arena.ofAuto(), 1 << 16);
        assertEquals(1000, backlog.flushTo(ring.producer()));
        ring.producer().publish();
        Recorder r = new Recorder();
        assertEquals(1000, ring.consumer().drain(r, 2000));
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, r.received.get(i).type());
            assertEquals(4 + (i % 50), r.received.get(i).bytes().length);
            assertEquals(i, intOf(r.received.get(i)));
        }
    }

    @Test
    void compactsInsteadOfGrowingWhenLittleIsLive() {
        SpscRing ring = SpscRing.allocate(Arena.ofAuto(), 128);
        Backlog backlog = new Backlog(256, ring.maxRecordLength());
        Recorder r = new Recorder();
        int sent = 0;
        int received = 0;
        for (int step = 0; step < 1000; step++) {
            backlog.offer(1, intPayload(sent++), 0, 8);
            backlog.offer(1, intPayload(sent++), 0, 8);
            backlog.flushTo(ring.producer());
            ring.producer().publish();
            ring.consumer().drain(r, 2);
            for (Recorder.Received got : r.received) {
                assertEquals(received++, intOf(got));
            }
            r.received.clear();
        }
        assertEquals(256, backlog.capacity(), "a bounded backlog reuses its memory");
        assertTrue(received > 1900);
    }

    @Test
    void blocksWaitInOrderWithInlineRecords() {
        SpscRing ring = SpscRing.allocate(Arena.ofAuto(), 128, 2);
        Backlog backlog = new Backlog(64, ring.maxRecordLength());
        MemorySegment[] blocks = new MemorySegment[30];
        for (int i = 0; i < 30; i++) {
            if (i % 3 == 0) {
                blocks[i] = MemorySegment.ofArray(new int[] {i});
                backlog.offerBlock(i, blocks[i], null);
            } else {
                backlog.offer(i, intPayload(i), 0, 4);
            }
        }
        Recorder r = new Recorder();
        while (!backlog.isEmpty()) {
            backlog.flushTo(ring.producer());
            ring.producer().publish();
            ring.consumer().drain(r, 5);
        }
        ring.consumer().drain(r, 100);
        assertEquals(30, r.received.size());
        for (int i = 0; i < 30; i++) {
            assertEquals(i, r.received.get(i).type());
            assertEquals(i % 3 == 0, r.received.get(i).block());
            assertEquals(i, intOf(r.received.get(i)));
        }
    }

    @Test
    void flushStopsWhenTheRingHasNoFreeBlockSlot() {
        SpscRing ring = SpscRing.allocate(Arena.ofAuto(), 1024, 1);
        Backlog backlog = new Backlog(64, ring.maxRecordLength());
        MemorySegment block = MemorySegment.ofArray(new byte[8]);
        backlog.offerBlock(1, block, null);
        backlog.offerBlock(2, block, null);
        backlog.offer(3, intPayload(3), 0, 4);
        assertEquals(1, backlog.flushTo(ring.producer()), "one slot: the second block waits, and so does what follows it");
        assertEquals(2, backlog.size());
        ring.producer().publish();
        Recorder r = new Recorder();
        assertEquals(1, ring.consumer().drain(r, 10));
        assertEquals(1, r.received.get(0).type());
        assertEquals(2, backlog.flushTo(ring.producer()), "the slot came back with the delivery");
        assertTrue(backlog.isEmpty());
    }

    @Test
    void claimWritesInPlaceAndCommitMayShorten() {
        Backlog backlog = new Backlog(64, 100);
        long offset = backlog.claim(9, 100);
        backlog.segment().set(ValueLayout.JAVA_INT_UNALIGNED, offset, 77);
        backlog.commit(4);
        assertFalse(backlog.isEmpty());
        assertThrows(IllegalArgumentException.class, () -> backlog.claim(1, 101));
        SpscRing ring = SpscRing.allocate(Arena.ofAuto(), 1024);
        assertEquals(1, backlog.flushTo(ring.producer()));
        ring.producer().publish();
        Recorder r = new Recorder();
        ring.consumer().drain(r, 10);
        assertEquals(9, r.received.get(0).type());
        assertEquals(77, intOf(r.received.get(0)));
        assertEquals(4, r.received.get(0).bytes().length);
    }
}
