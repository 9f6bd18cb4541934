package dev.kevy.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyScannerTest {

    private static final String STREAM = "+OK\r\n$-1\r\n$5\r\nhello\r\n-ERR x\r\n:12\r\n"
            + "*2\r\n$1\r\na\r\n*1\r\n:1\r\n*0\r\n*-1\r\n+PONG\r\n$4\r\n\r\n\r\n\r\n+OK\r\n";
    private static final List<Integer> KINDS = List.of(ReplyScanner.OK, ReplyScanner.NIL, ReplyScanner.BULK,
            ReplyScanner.ERROR, ReplyScanner.INTEGER, ReplyScanner.ARRAY, ReplyScanner.ARRAY, ReplyScanner.NIL,
            ReplyScanner.SIMPLE, ReplyScanner.BULK, ReplyScanner.OK);

    /** Feeds the chunks the way a connection does (append, flip, scan, compact) and collects kinds. */
    private static List<Integer> scan(ReplyScanner scanner, byte[]... chunks) {
        ByteBuffer buf = ByteBuffer.allocate(256);
        List<Integer> kinds = new ArrayList<>();
        for (byte[] chunk : chunks) {
            buf.put(chunk);
            buf.flip();
            int kind;
            while ((kind = scanner.next(buf)) != ReplyScanner.NEED_MORE) {
                kinds.add(kind);
            }
            buf.compact();
        }
        return kinds;
    }

    @Test
    void findsEveryReplyWhateverByteTheStreamIsSplitAt() {
        byte[] all = STREAM.getBytes(StandardCharsets.US_ASCII);
        for (int cut = 0; cut <= all.length; cut++) {
            byte[] a = java.util.Arrays.copyOfRange(all, 0, cut);
            byte[] b = java.util.Arrays.copyOfRange(all, cut, all.length);
            assertEquals(KINDS, scan(new ReplyScanner(), a, b), "split at byte " + cut);
        }
    }

    @Test
    void findsEveryReplyWhenBytesArriveOneAtATime() {
        byte[] all = STREAM.getBytes(StandardCharsets.US_ASCII);
        byte[][] singles = new byte[all.length][];
        for (int i = 0; i < all.length; i++) {
            singles[i] = new byte[] {all[i]};
        }
        assertEquals(KINDS, scan(new ReplyScanner(), singles));
    }

    @Test
    void skipsBulkPayloadsLargerThanTheBuffer() {
        ReplyScanner scanner = new ReplyScanner();
        ByteBuffer buf = ByteBuffer.allocate(64);
        buf.put("$1000\r\n".getBytes(StandardCharsets.US_ASCII)).flip();
        assertEquals(ReplyScanner.NEED_MORE, scanner.next(buf));
        buf.compact();
        int left = 1002;
        while (left > 0) {
            int n = Math.min(left, buf.remaining());
            buf.put(new byte[n]).flip();
            left -= n;
            int kind = scanner.next(buf);
            assertEquals(left == 0 ? ReplyScanner.BULK : ReplyScanner.NEED_MORE, kind);
            buf.compact();
        }
    }

    @Test
    void rejectsBytesThatAreNotResp() {
        ByteBuffer buf = ByteBuffer.wrap("?what\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(ReplyScanner.PROTOCOL_ERROR, new ReplyScanner().next(buf));
        ByteBuffer badLength = ByteBuffer.wrap("$x1\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(ReplyScanner.PROTOCOL_ERROR, new ReplyScanner().next(badLength));
    }

    @Test
    void tellsOkApartFromOtherSimpleStrings() {
        assertEquals(List.of(ReplyScanner.OK, ReplyScanner.SIMPLE, ReplyScanner.SIMPLE),
                scan(new ReplyScanner(), "+OK\r\n+OKAY\r\n+O\r\n".getBytes(StandardCharsets.US_ASCII)));
    }
}
