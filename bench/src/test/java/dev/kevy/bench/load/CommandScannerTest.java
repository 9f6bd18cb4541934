package dev.kevy.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandScannerTest {

    private static final String STREAM = "*2\r\n$3\r\nget\r\n$3\r\nk\r\n\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$4\r\nv\r\nv\r\n"
            + "PING\r\n*0\r\n*1\r\n$7\r\nCOMMAND\r\n*1\r\n$0\r\n\r\n";

    private static List<Integer> scan(byte[]... chunks) {
        CommandScanner scanner = new CommandScanner();
        ByteBuffer buf = ByteBuffer.allocate(256);
        List<Integer> letters = new ArrayList<>();
        for (byte[] chunk : chunks) {
            buf.put(chunk).flip();
            int letter;
            while ((letter = scanner.next(buf)) != CommandScanner.NEED_MORE) {
                letters.add(letter);
            }
            buf.compact();
        }
        return letters;
    }

    @Test
    void reportsEachCommandsFirstLetterWhateverByteTheStreamIsSplitAt() {
        byte[] all = STREAM.getBytes(StandardCharsets.US_ASCII);
        List<Integer> expected = List.of((int) 'G', (int) 'S', (int) 'P', (int) 'C', 0);
        for (int cut = 0; cut <= all.length; cut++) {
            assertEquals(expected, scan(Arrays.copyOfRange(all, 0, cut), Arrays.copyOfRange(all, cut, all.length)),
                    "split at byte " + cut);
        }
    }

    @Test
    void rejectsAnArrayElementThatIsNotABulkString() {
        ByteBuffer buf = ByteBuffer.wrap("*1\r\n:1\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(CommandScanner.PROTOCOL_ERROR, new CommandScanner().next(buf));
    }
}
