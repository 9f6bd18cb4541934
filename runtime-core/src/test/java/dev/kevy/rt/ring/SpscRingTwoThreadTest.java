package dev.kevy.rt.ring;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A producer and a consumer thread move many records of varying sizes through a small ring, so it
 * wraps and fills constantly. The consumer checks each record's sequence number and content in
 * order; both sides keep a checksum.
 *
 * <p>Records: the system property {@code kevy.test.ringRecords} of the test JVM, default 100 million
 * (19 to 33 s on the 2-core development machine). A quicker local run passes fewer:
 * {@code mvn -pl runtime-core test -Dtest=SpscRingTwoThreadTest -Dkevy.test.jvm.args=-Dkevy.test.ringRecords=20000000}.
 */
class SpscRingTwoThreadTest {
    private static final long RECORDS = Long.getLong("kevy.test.ringRecords", 100_000_000L);
    private static final int BATCH = 16;

    /** Payload length of record {@code seq}: 8 to 64 bytes, so records of 16 to 72 bytes mix. */
    static int lengthOf(long seq) {
        return 8 + (int) ((seq * 0x9E3779B97F4A7C15L) >>> 58);
    }

    /** The byte at {@code i} (>= 8) of record {@code seq}'s payload. */
    static byte fillOf(long seq, int i) {
        return (byte) (seq + i);
    }

    @Test
    void recordsArriveOnceEachInOrderWithIntactPayloads() throws Exception {
        SpscRing ring = SpscRing.allocate(Arena.ofShared(), 4096);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long[] producerSum = new long[1];
        Thread producer = new Thread(() -> {
            RingProducer p = ring.producer();
            MemorySegment seg = p.segment();
            long sum = 0;
            for (long seq = 0; seq < RECORDS; seq++) {
                int length = lengthOf(seq);
                long offset;
                while ((offset = p.claim(1, length)) == RingProducer.FULL) {
                    p.publish();
                    Thread.onSpinWait();
                }
                seg.set(ValueLayout.JAVA_LONG_UNALIGNED, offset, seq);
                for (int i = 8; i < length; i++) {
                    seg.set(ValueLayout.JAVA_BYTE, offset + i, fillOf(seq, i));
                }
                p.commit();
                sum += seq * length;
                if ((seq % BATCH) == BATCH - 1) {
                    p.publish();
                }
            }
            p.publish();
            producerSum[0] = sum;
        }, "ring-producer");
        Checker checker = new Checker();
        Thread consumer = new Thread(() -> {
            RingConsumer c = ring.consumer();
            try {
                while (checker.next < RECORDS) {
                    if (c.drain(checker, 256) == 0) {
                        Thread.onSpinWait();
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "ring-consumer");
        producer.start();
        consumer.start();
        producer.join();
        consumer.join();
        assertNull(failure.get());
        assertEquals(RECORDS, checker.next);
        assertEquals(producerSum[0], checker.sum);
        assertEquals(0, ring.consumer().drain(checker, 1), "nothing beyond the last record");
    }

    private static final class Checker implements RecordHandler {
        long next;
        long sum;

        @Override
        public void onRecord(int type, MemorySegment segment, long offset, int length) {
            long seq = segment.get(ValueLayout.JAVA_LONG_UNALIGNED, offset);
            if (seq != next || type != 1 || length != lengthOf(seq)) {
                throw new AssertionError("expected record " + next + " got " + seq + " type " + type + " length " + length);
            }
            for (int i = 8; i < length; i++) {
                if (segment.get(ValueLayout.JAVA_BYTE, offset + i) != fillOf(seq, i)) {
                    throw new AssertionError("record " + seq + " byte " + i + " corrupt");
                }
            }
            sum += seq * length;
            next++;
        }

        @Override
        public void onBlock(int type, MemorySegment block, Arena owner) {
            throw new AssertionError("no blocks were sent");
        }
    }
}
