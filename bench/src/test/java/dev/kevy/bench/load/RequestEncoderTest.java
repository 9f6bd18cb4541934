package dev.kevy.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestEncoderTest {

    private static String drain(ByteBuffer out) {
        out.flip();
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    @Test
    void writesGetAndSetAsRespArraysWithTwelveDigitKeys() {
        RequestEncoder encoder = new RequestEncoder(3);
        ByteBuffer out = ByteBuffer.allocate(256);
        encoder.putGet(out, 42);
        encoder.putSet(out, 999_999_999L);
        encoder.putGet(out, 0);
        assertEquals("*2\r\n$3\r\nGET\r\n$16\r\nkey:000000000042\r\n"
                + "*3\r\n$3\r\nSET\r\n$16\r\nkey:000999999999\r\n$3\r\nxxx\r\n"
                + "*2\r\n$3\r\nGET\r\n$16\r\nkey:000000000000\r\n", drain(out));
    }

    @Test
    void requestSizesMatchWhatIsWritten() {
        RequestEncoder encoder = new RequestEncoder(100);
        ByteBuffer out = ByteBuffer.allocate(1024);
        encoder.putSet(out, 7);
        assertEquals(encoder.setSize(), out.position());
        out.clear();
        encoder.putGet(out, 7);
        assertEquals(encoder.getSize(), out.position());
        assertEquals("key:000000000007", RequestEncoder.keyName(7));
    }
}
