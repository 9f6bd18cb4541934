package dev.kevy.io.resp;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.rt.buffer.BufferPool;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A stream of replies frames the same however the reads cut it: in two pieces at every byte, in
 * one-byte pieces, in random pieces; an error is found at the same place whatever the cut. And a
 * frame that spans many reads is looked at once: resuming never rescans what earlier reads held.
 */
class RespReplySplitTest {
    /** Every reply type, nested aggregates, attributes, a push, and a bulk larger than a read. */
    private static final List<String> FRAMES = List.of(
            "+OK\r\n",
            "-ERR unknown command\r\n",
            ":-42\r\n",
            "$5\r\nhello\r\n",
            "$-1\r\n",
            "$6\r\nA\r\nB\r\n\r\n",
            "*-1\r\n",
            "*3\r\n$3\r\nfoo\r\n*2\r\n:1\r\n*0\r\n%1\r\n+k\r\n~2\r\n#t\r\n#f\r\n",
            "_\r\n",
            ",-1.5e10\r\n",
            "(123456789012345678901234567890\r\n",
            "!10\r\nERR broken\r\n",
            "=9\r\ntxt:hello\r\n",
            "|1\r\n+ttl\r\n:60\r\n%2\r\n+a\r\n$1\r\nx\r\n+b\r\n_\r\n",
            ">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$700\r\n" + "0123456789".repeat(70) + "\r\n",
            "*2\r\n|1\r\n+k\r\n+v\r\n*1\r\n*1\r\n,inf\r\n:7\r\n");
    private static final String STREAM = String.join("", FRAMES);

    private final RespReplyDecoder decoder = new RespReplyCodec().newDecoder();
    private final BufferPool pool = new BufferPool(4096, 64 * 1024, 64 * 1024);

    @AfterEach
    void releaseEverything() {
        assertEquals(0, pool.blocksOut());
        pool.close();
    }

    private static List<Integer> tags() {
        return List.of((int) '+', (int) '-', (int) ':', (int) '$', (int) '$', (int) '$', (int) '*', (int) '*',
                (int) '_', (int) ',', (int) '(', (int) '!', (int) '=', (int) '%', (int) '>', (int) '*');
    }

    @Test
    void theReferenceFramesEveryReplyOfTheStream() {
        assertEquals(Framed.clean(FRAMES, tags()), ReplyFeeder.whole(decoder, STREAM.getBytes(ISO_8859_1)));
    }

    @Test
    void everySplitPointGivesTheSameFrames() {
        byte[] bytes = STREAM.getBytes(ISO_8859_1);
        Framed expected = Framed.clean(FRAMES, tags());
        for (int at = 1; at < bytes.length; at++) {
            assertEquals(expected, ReplyFeeder.splitAt(decoder, pool, bytes, at), "split at " + at);
        }
    }

    @Test
    void oneBytePiecesGiveTheSameFrames() {
        assertEquals(Framed.clean(FRAMES, tags()), ReplyFeeder.inReads(decoder, pool, STREAM.getBytes(ISO_8859_1),
                ReplyFeeder.ReadSizes.fixed(1)));
    }

    @Test
    void everyPairOfSplitPointsInANestedFrameGivesTheSameFrames() {
        String frame = FRAMES.get(7) + FRAMES.get(13);
        byte[] bytes = frame.getBytes(ISO_8859_1);
        Framed expected = Framed.clean(List.of(FRAMES.get(7), FRAMES.get(13)), List.of((int) '*', (int) '%'));
        for (int a = 1; a < bytes.length; a++) {
            for (int b = a + 1; b < bytes.length; b++) {
                int[] reads = {a, b - a, Integer.MAX_VALUE};
                int[] next = {0};
                assertEquals(expected, ReplyFeeder.inReads(decoder, pool, bytes, () -> reads[Math.min(next[0]++, 2)]),
                        "splits at " + a + " and " + b);
            }
        }
    }

    @Test
    void randomReadSizesGiveTheSameFrames() {
        byte[] bytes = STREAM.repeat(4).getBytes(ISO_8859_1);
        Framed whole = ReplyFeeder.whole(decoder, bytes);
        assertEquals(FRAMES.size() * 4, whole.frames().size());
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            assertEquals(whole, ReplyFeeder.inReads(decoder, pool, bytes, ReplyFeeder.ReadSizes.random(random, 64)));
        }
    }

    @Test
    void anErrorIsFoundAtTheSamePlaceWhateverTheCut() {
        String[] tails = {"*2\r\n:1\r\n:x\r\n", "$3\r\nabcd\r\n", "*2\r\n+a\r\n+b\n", "+OK\rX", "%1\r\n+k\r\n?"};
        for (String tail : tails) {
            byte[] bytes = (STREAM + tail).getBytes(ISO_8859_1);
            Framed whole = ReplyFeeder.whole(decoder, bytes);
            assertEquals(FRAMES, whole.frames(), tail);
            assertTrue(whole.error() != null, tail);
            for (int at = STREAM.length() - 30; at < bytes.length; at++) {
                assertEquals(whole, ReplyFeeder.splitAt(decoder, pool, bytes, at), tail + " split at " + at);
            }
            assertEquals(whole, ReplyFeeder.inReads(decoder, pool, bytes, ReplyFeeder.ReadSizes.fixed(1)), tail);
        }
    }

    /**
     * A million-element array fed in 4 KiB reads, as a proxy receives a large LRANGE: the decoder
     * looks at no more bytes than when the array arrives in one piece, plus at most one per read
     * (a CR whose LF is in the next read is looked at again). A decoder that re-walked the array
     * from its first byte on each read would look at about 1,700 times more.
     */
    @Test
    void aMillionElementArrayInSmallReadsIsLookedAtOnce() {
        StringBuilder s = new StringBuilder("*1000000\r\n");
        for (int i = 0; i < 1_000_000; i++) {
            switch (i % 4) {
                case 0 -> s.append(':').append(i).append("\r\n");
                case 1 -> s.append("$5\r\nhello\r\n");
                case 2 -> s.append("*2\r\n+a\r\n_\r\n");
                default -> s.append("|1\r\n+k\r\n+v\r\n%1\r\n:1\r\n$0\r\n\r\n");
            }
        }
        byte[] bytes = s.toString().getBytes(ISO_8859_1);

        RespReplyDecoder oneRead = new RespReplyCodec().newDecoder();
        Framed whole = ReplyFeeder.whole(oneRead, bytes);
        assertEquals(1, whole.frames().size());
        assertEquals(bytes.length, whole.frames().get(0).length());
        long inOnePiece = oneRead.bytesExamined();

        RespReplyDecoder smallReads = new RespReplyCodec().newDecoder();
        int readSize = 4096;
        Framed inReads = ReplyFeeder.inReads(smallReads, pool, bytes, ReplyFeeder.ReadSizes.fixed(readSize));
        assertEquals(whole, inReads);
        long reads = (bytes.length + readSize - 1) / readSize;
        long inSmallReads = smallReads.bytesExamined();
        assertTrue(inSmallReads >= inOnePiece && inSmallReads <= inOnePiece + reads,
                inSmallReads + " bytes examined in " + reads + " reads, " + inOnePiece + " in one");
        assertTrue(inOnePiece <= bytes.length, inOnePiece + " of " + bytes.length);
        assertNull(inReads.error());
    }

    /** A bulk body is skipped by its length, however many reads bring it: only its CR LF is looked at. */
    @Test
    void aLargeBulkBodyIsNeverScanned() {
        int size = 3 << 20;
        byte[] bytes = ("*2\r\n$" + size + "\r\n" + "x".repeat(size) + "\r\n:1\r\n").getBytes(ISO_8859_1);
        RespReplyDecoder d = new RespReplyCodec().newDecoder();
        Framed framed = ReplyFeeder.inReads(d, pool, bytes, ReplyFeeder.ReadSizes.fixed(1000));
        assertEquals(1, framed.frames().size());
        assertEquals(bytes.length, framed.frames().get(0).length());
        // "*2\r\n" and "$3145728\r\n" and ":1\r\n" searched from after their type byte, plus the CR LF after the body.
        assertEquals(3 + 9 + 2 + 3, d.bytesExamined());
    }
}
