package dev.kevy.rt.buffer;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OrderedRepliesTest {
    private static final int CHUNK = 64;

    private static BufferPool pool() {
        return new BufferPool(CHUNK, 16 * CHUNK, 16 * CHUNK);
    }

    private static void reply(OrderedReplies replies, long seq, String text) {
        OutputBuffer target = replies.begin(seq);
        target.writeAscii(text);
        replies.complete(seq);
    }

    private static String sent(OutputBuffer out) {
        return new String(OutputBufferTest.unsent(out), ISO_8859_1);
    }

    @Test
    void repliesCompletedInOrderGoStraightToTheOutput() {
        try (BufferPool pool = pool()) {
            OutputBuffer out = new OutputBuffer(pool, Long.MAX_VALUE);
            OrderedReplies replies = new OrderedReplies(out, pool, 8, Long.MAX_VALUE);
            for (int i = 0; i < 100; i++) {
                long seq = replies.open();
                assertEquals(i, seq);
                assertSame(out, replies.begin(seq));
                out.writeAscii("r" + i + ";");
                replies.complete(seq);
                assertEquals(0, replies.stagedCount());
                assertEquals(0, replies.inFlight());
            }
            assertTrue(sent(out).startsWith("r0;r1;r2;"));
            assertEquals((out.size() + CHUNK - 1) / CHUNK, pool.blocksOut(), "the stage holds no chunk");
        }
    }

    @Test
    void outOfOrderCompletionsAreReleasedStrictlyInOrder() {
        try (BufferPool pool = pool()) {
            OutputBuffer out = new OutputBuffer(pool, Long.MAX_VALUE);
            OrderedReplies replies = new OrderedReplies(out, pool, 8, Long.MAX_VALUE);
            for (int i = 0; i < 5; i++) {
                replies.open();
            }
            reply(replies, 3, "three;");
            reply(replies, 1, "one;");
            reply(replies, 4, "four;");
            assertEquals("", sent(out));
            assertEquals(3, replies.stagedCount());
            reply(replies, 0, "zero;");
            assertEquals("zero;one;", sent(out));
            assertEquals(2, replies.releasedSeq());
            reply(replies, 2, "two;");
            assertEquals("zero;one;two;three;four;", sent(out));
            assertEquals(0, replies.inFlight());
            assertEquals(0, replies.stagedCount());
        }
    }

    @Test
    void everyCompletionOrderYieldsTheRepliesInCommandOrder() {
        Random random = new Random(42);
        try (BufferPool pool = pool()) {
            for (int trial = 0; trial < 300; trial++) {
                OutputBuffer out = new OutputBuffer(pool, Long.MAX_VALUE);
                OrderedReplies replies = new OrderedReplies(out, pool, 64, Long.MAX_VALUE);
                int n = 1 + random.nextInt(40);
                List<Long> order = new ArrayList<>();
                ByteArrayOutputStream expected = new ByteArrayOutputStream();
                String[] texts = new String[n];
                for (int i = 0; i < n; i++) {
                    order.add(replies.open());
                    // Sizes from empty to several chunks, so staged replies straddle chunk edges.
                    texts[i] = ("<" + i + ">").repeat(random.nextInt(60));
                    expected.writeBytes(texts[i].getBytes(ISO_8859_1));
                }
                Collections.shuffle(order, random);
                for (long seq : order) {
                    reply(replies, seq, texts[(int) seq]);
                }
                assertArrayEquals(expected.toByteArray(), OutputBufferTest.unsent(out), "trial " + trial);
                out.release();
                assertEquals(0, pool.blocksOut(), "the stage gave its chunks back");
            }
        }
    }

    @Test
    void openRefusesWhenTooManyRepliesAreInFlight() {
        try (BufferPool pool = pool()) {
            OutputBuffer out = new OutputBuffer(pool, Long.MAX_VALUE);
            OrderedReplies replies = new OrderedReplies(out, pool, 3, Long.MAX_VALUE);
            assertEquals(0, replies.open());
            assertEquals(1, replies.open());
            assertEquals(2, replies.open());
            assertTrue(replies.isFull());
            assertEquals(OrderedReplies.NO_SLOT, replies.open());
            reply(replies, 2, "c");
            assertEquals(OrderedReplies.NO_SLOT, replies.open(), "a staged reply still counts");
            reply(replies, 0, "a");
            assertFalse(replies.isFull());
            assertEquals(3, replies.open());
        }
    }

    @Test
    void slotRingGrowsWithoutLosingStagedReplies() {
        try (BufferPool pool = pool()) {
            OutputBuffer out = new OutputBuffer(pool, Long.MAX_VALUE);
            OrderedReplies replies = new OrderedReplies(out, pool, 1000, Long.MAX_VALUE);
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                replies.open();
                expected.append(i).append(',');
            }
            for (int i = 9; i >= 1; i--) {
                reply(replies, i, i + ",");
            }
            for (int i = 10; i < 300; i++) {
                long seq = replies.open();
                reply(replies, seq, seq + ",");
                expected.append(i).append(',');
            }
            assertEquals(299, replies.stagedCount());
            reply(replies, 0, "0,");
            assertEquals(expected.toString(), sent(out));
        }
    }

    @Test
    void stageOverItsLimitIsReported() {
        try (BufferPool pool = pool()) {
            OutputBuffer out = new OutputBuffer(pool, Long.MAX_VALUE);
            OrderedReplies replies = new OrderedReplies(out, pool, 8, 10);
            replies.open();
            long second = replies.open();
            reply(replies, second, "0123456789abc");
            assertTrue(replies.isOverLimit());
        }
    }

    @Test
    void misuseOfSequenceNumbersIsRejected() {
        try (BufferPool pool = pool()) {
            OutputBuffer out = new OutputBuffer(pool, Long.MAX_VALUE);
            OrderedReplies replies = new OrderedReplies(out, pool, 8, Long.MAX_VALUE);
            assertThrows(IllegalStateException.class, () -> replies.begin(0), "never opened");
            long a = replies.open();
            long b = replies.open();
            replies.begin(a);
            assertThrows(IllegalStateException.class, () -> replies.begin(b), "nested begin");
            assertThrows(IllegalStateException.class, () -> replies.complete(b), "complete of another");
            replies.complete(a);
            assertThrows(IllegalStateException.class, () -> replies.begin(a), "already released");
        }
    }

    @Test
    void resetForgetsOutstandingRepliesAndReturnsStageChunks() {
        try (BufferPool pool = pool()) {
            OutputBuffer out = new OutputBuffer(pool, Long.MAX_VALUE);
            OrderedReplies replies = new OrderedReplies(out, pool, 8, Long.MAX_VALUE);
            replies.open();
            long second = replies.open();
            reply(replies, second, "x".repeat(200));
            replies.reset();
            out.release();
            assertEquals(0, pool.blocksOut());
            assertEquals(0, replies.open());
        }
    }

    @Test
    void mixedLocalAndRemoteRepliesAllocateNothingAfterWarmUp() {
        try (BufferPool pool = pool()) {
            OutputBuffer out = new OutputBuffer(pool, Long.MAX_VALUE);
            OrderedReplies replies = new OrderedReplies(out, pool, 16, Long.MAX_VALUE);
            long[] remote = new long[2];
            long bytes = AllocationMeter.bytesPerRound(20, 20_000, i -> {
                // A remote command, two local ones behind it, another remote, then the replies
                // arrive newest first.
                remote[0] = replies.open();
                long local1 = replies.open();
                replies.begin(local1).writeAscii("+OK");
                replies.complete(local1);
                remote[1] = replies.open();
                long local2 = replies.open();
                replies.begin(local2).writeLong(i);
                replies.complete(local2);
                replies.begin(remote[1]).writeAscii("$1\r\nx\r\n");
                replies.complete(remote[1]);
                replies.begin(remote[0]).writeAscii(":1");
                replies.complete(remote[0]);
                out.consume(out.size());
            });
            assertEquals(0, bytes);
            assertEquals(0, replies.inFlight());
        }
    }
}
