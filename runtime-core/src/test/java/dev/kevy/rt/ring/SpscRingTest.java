package dev.kevy.rt.ring;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Single-thread semantics of the ring: empty, full, wrap, sizes, claims, blocks. */
class SpscRingTest {
    private final Arena arena = Arena.ofAuto();

    private static MemorySegment bytes(int length, int seed) {
        MemorySegment s = Arena.ofAuto().allocate(Math.max(length, 1));
        for (int i = 0; i < length; i++) {
            s.set(ValueLayout.JAVA_BYTE, i, (byte) (seed * 31 + i));
        }
        return s.asSlice(0, length);
    }

    @Test
    void emptyRingDrainsNothing() {
        SpscRing ring = SpscRing.allocate(arena, 1024);
        Recorder r = new Recorder();
        assertEquals(0, ring.consumer().drain(r, 100));
        assertTrue(ring.consumer().isEmpty());
        assertTrue(r.received.isEmpty());
    }

    @Test
    void recordsAreInvisibleUntilPublished() {
        SpscRing ring = SpscRing.allocate(arena, 1024);
        assertTrue(ring.producer().offer(7, bytes(5, 1), 0, 5));
        Recorder r = new Recorder();
        assertEquals(0, ring.consumer().drain(r, 100));
        assertTrue(ring.producer().hasUnpublished());
        assertTrue(ring.producer().publish());
        assertFalse(ring.producer().publish(), "nothing new to publish");
        assertEquals(1, ring.consumer().drain(r, 100));
        assertEquals(7, r.received.get(0).type());
        assertArrayEquals(bytes(5, 1).toArray(ValueLayout.JAVA_BYTE), r.received.get(0).bytes());
    }

    @Test
    void fullRingRefusesUntilTheConsumerReturnsSpace() {
        SpscRing ring = SpscRing.allocate(arena, 1024);
        RingProducer p = ring.producer();
        int payload = 24; // 32-byte records: exactly 32 fit in 1024 bytes
        int written = 0;
        while (p.offer(1, bytes(payload, written), 0, payload)) {
            written++;
        }
        assertEquals(32, written);
        assertEquals(RingProducer.FULL, p.claim(1, 0));
        p.publish();
        Recorder r = new Recorder();
        assertEquals(3, ring.consumer().drain(r, 3));
        // Space for exactly three records came back when the drain returned.
        assertTrue(p.offer(1, bytes(payload, 100), 0, payload));
        assertTrue(p.offer(1, bytes(payload, 101), 0, payload));
        assertTrue(p.offer(1, bytes(payload, 102), 0, payload));
        assertFalse(p.offer(1, bytes(payload, 103), 0, payload));
    }

    @Test
    void recordThatWouldStraddleTheEndIsPaddedAndStartsAtZero() {
        SpscRing ring = SpscRing.allocate(arena, 128); // max payload 8
        RingProducer p = ring.producer();
        Recorder r = new Recorder();
        // Seven 16-byte records and one 8-byte one put the tail at 120.
        for (int i = 0; i < 7; i++) {
            assertTrue(p.offer(1, bytes(8, i), 0, 8));
        }
        assertTrue(p.offer(2, bytes(0, 0), 0, 0));
        p.publish();
        assertEquals(8, ring.consumer().drain(r, 100));
        // 16 bytes do not fit in the last 8: padding, then the record at offset 0.
        long offset = p.claim(3, 8);
        assertEquals(RecordDescriptor.HEADER_LENGTH, offset, "record starts at the beginning of the ring");
        p.segment().set(ValueLayout.JAVA_LONG, offset, 0x1122334455667788L);
        p.commit();
        p.publish();
        r.received.clear();
        assertEquals(1, ring.consumer().drain(r, 100), "padding is skipped and not counted");
        assertEquals(3, r.received.get(0).type());
        assertEquals(0x1122334455667788L, MemorySegment.ofArray(r.received.get(0).bytes()).get(ValueLayout.JAVA_LONG_UNALIGNED, 0));
    }

    @Test
    void paddingCountsAgainstFreeSpace() {
        SpscRing ring = SpscRing.allocate(arena, 128);
        RingProducer p = ring.producer();
        assertTrue(p.offer(1, bytes(0, 0), 0, 0)); // [0, 8)
        for (int i = 0; i < 7; i++) {
            assertTrue(p.offer(1, bytes(8, i), 0, 8)); // [8, 120)
        }
        p.publish();
        Recorder r = new Recorder();
        assertEquals(1, ring.consumer().drain(r, 1)); // free: [120, 128) and [0, 8), 16 bytes in all
        assertFalse(p.offer(1, bytes(8, 9), 0, 8), "a 16-byte record needs 8 bytes of padding + 16 > 16 free");
        assertTrue(p.offer(1, bytes(0, 9), 0, 0), "an 8-byte record fits exactly at the end");
        assertTrue(p.offer(1, bytes(0, 9), 0, 0), "and another at the start");
        assertFalse(p.offer(1, bytes(0, 9), 0, 0));
    }

    @Test
    void everyPayloadSizeUpToTheLimitRoundTripsThroughManyWraps() {
        SpscRing ring = SpscRing.allocate(arena, 4096);
        RingProducer p = ring.producer();
        RingConsumer c = ring.consumer();
        int max = ring.maxRecordLength();
        assertEquals(4096 / 8 - 8, max);
        Recorder r = new Recorder();
        for (int round = 0; round < 3; round++) {
            for (int length = 0; length <= max; length++) {
                assertTrue(p.offer(length, bytes(length, round), 0, length), "empty ring takes any legal record");
                p.publish();
                assertEquals(1, c.drain(r, 10));
                Recorder.Received got = r.received.removeFirst();
                assertEquals(length, got.type());
                assertArrayEquals(bytes(length, round).toArray(ValueLayout.JAVA_BYTE), got.bytes());
            }
        }
    }

    @Test
    void payloadAboveTheInlineLimitIsRejectedOnTheRing() {
        SpscRing ring = SpscRing.allocate(arena, 1024);
        int tooLong = ring.maxRecordLength() + 1;
        assertThrows(IllegalArgumentException.class, () -> ring.producer().claim(1, tooLong));
        assertThrows(IllegalArgumentException.class, () -> ring.producer().claim(-3, 1));
    }

    @Test
    void commitWithAShorterLengthReturnsTheRest() {
        SpscRing ring = SpscRing.allocate(arena, 1024);
        RingProducer p = ring.producer();
        long offset = p.claim(5, 100);
        p.segment().set(ValueLayout.JAVA_INT, offset, 42);
        p.commit(4);
        long next = p.claim(6, 0);
        assertEquals(offset + 16, next, "next record follows the 16-byte shortened one");
        p.abort();
        p.publish();
        Recorder r = new Recorder();
        assertEquals(1, ring.consumer().drain(r, 10));
        assertEquals(4, r.received.get(0).bytes().length);
        assertEquals(42, MemorySegment.ofArray(r.received.get(0).bytes()).get(ValueLayout.JAVA_INT_UNALIGNED, 0));
    }

    @Test
    void oneClaimAtATime() {
        SpscRing ring = SpscRing.allocate(arena, 1024);
        ring.producer().claim(1, 8);
        assertThrows(IllegalStateException.class, () -> ring.producer().claim(1, 8));
        ring.producer().commit();
        assertThrows(IllegalStateException.class, () -> ring.producer().commit());
    }

    @Test
    void drainStopsAtTheLimitAndResumesInOrder() {
        SpscRing ring = SpscRing.allocate(arena, 1024);
        for (int i = 0; i < 10; i++) {
            assertTrue(ring.producer().offer(i, bytes(1, i), 0, 1));
        }
        ring.producer().publish();
        Recorder r = new Recorder();
        assertEquals(4, ring.consumer().drain(r, 4));
        assertEquals(6, ring.consumer().drain(r, 100));
        for (int i = 0; i < 10; i++) {
            assertEquals(i, r.received.get(i).type());
        }
    }

    @Test
    void blocksArriveInFifoOrderWithInlineRecordsAndChangeOwner() {
        SpscRing ring = SpscRing.allocate(arena, 1024, 4);
        RingProducer p = ring.producer();
        Arena owner = Arena.ofShared();
        MemorySegment block = owner.allocate(1 << 20);
        block.fill((byte) 9);
        assertTrue(p.offer(1, bytes(3, 1), 0, 3));
        assertTrue(p.offerBlock(2, block, owner));
        assertTrue(p.offer(3, bytes(3, 3), 0, 3));
        p.publish();
        Recorder r = new Recorder();
        assertEquals(3, ring.consumer().drain(r, 10));
        assertEquals(1, r.received.get(0).type());
        assertFalse(r.received.get(0).block());
        assertEquals(2, r.received.get(1).type());
        assertTrue(r.received.get(1).block());
        assertEquals(1 << 20, r.received.get(1).bytes().length);
        assertEquals(9, r.received.get(1).bytes()[12345]);
        assertSame(owner, r.received.get(1).owner(), "the consumer receives the arena that frees the block");
        assertEquals(3, r.received.get(2).type());
        owner.close();
    }

    @Test
    void blockOfferFailsWhileEverySlotIsInFlightAndSucceedsOnceDrained() {
        SpscRing ring = SpscRing.allocate(arena, 1024, 2);
        RingProducer p = ring.producer();
        MemorySegment block = MemorySegment.ofArray(new byte[16]);
        assertTrue(p.offerBlock(1, block, null));
        assertTrue(p.offerBlock(1, block, null));
        assertFalse(p.offerBlock(1, block, null), "both slots hold undelivered blocks");
        p.publish();
        Recorder r = new Recorder();
        assertEquals(1, ring.consumer().drain(r, 1));
        assertTrue(p.offerBlock(1, block, null), "the delivered block's slot is free again");
        assertFalse(p.offerBlock(1, block, null));
    }

    @Test
    void ringForgetsTheBlockOnceDelivered() {
        SpscRing ring = SpscRing.allocate(arena, 1024, 1);
        MemorySegment block = MemorySegment.ofArray(new byte[16]);
        ring.producer().offerBlock(1, block, null);
        ring.producer().publish();
        RecordHandler checksSlotCleared = new RecordHandler() {
            @Override
            public void onRecord(int type, MemorySegment segment, long offset, int length) {
            }

            @Override
            public void onBlock(int type, MemorySegment b, Arena owner) {
                // The slot is empty before the handler runs: the producer may reuse it at once.
                assertTrue(ring.producer().offerBlock(2, b, owner));
            }
        };
        assertEquals(1, ring.consumer().drain(checksSlotCleared, 1));
    }

    @Test
    void handlerThatThrowsConsumesItsRecord() {
        SpscRing ring = SpscRing.allocate(arena, 1024);
        ring.producer().offer(1, bytes(1, 1), 0, 1);
        ring.producer().offer(2, bytes(1, 2), 0, 1);
        ring.producer().publish();
        RecordHandler poison = new Recorder() {
            @Override
            public void onRecord(int type, MemorySegment segment, long offset, int length) {
                if (type == 1) {
                    throw new IllegalStateException("poison");
                }
                super.onRecord(type, segment, offset, length);
            }
        };
        assertThrows(IllegalStateException.class, () -> ring.consumer().drain(poison, 10));
        assertEquals(1, ring.consumer().drain(poison, 10));
        assertEquals(2, ((Recorder) poison).received.get(0).type());
    }

    @Test
    void segmentSizeAndAlignmentAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new SpscRing(arena.allocate(100 + RingDescriptor.TRAILER_LENGTH, 8), 1));
        assertThrows(IllegalArgumentException.class, () -> new SpscRing(arena.allocate(64 + RingDescriptor.TRAILER_LENGTH, 8), 1));
        assertThrows(IllegalArgumentException.class, () -> SpscRing.allocate(arena, 1024, 3));
        SpscRing ring = new SpscRing(MemorySegment.ofArray(new long[(1024 + RingDescriptor.TRAILER_LENGTH) / 8]), 1);
        assertEquals(1024, ring.capacity());
    }
}
