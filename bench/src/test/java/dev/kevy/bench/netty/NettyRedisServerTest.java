package dev.kevy.bench.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.bench.load.Distribution;
import dev.kevy.bench.load.LoadGenerator;
import dev.kevy.bench.load.LoadOptions;
import dev.kevy.bench.load.RunResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NettyRedisServerTest {

    /** Sends raw bytes and reads until {@code expectedLength} reply bytes arrived. */
    private static String roundTrip(int port, String request, int expectedLength) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[expectedLength];
            int got = 0;
            while (got < expectedLength) {
                int n = in.read(buf, got, expectedLength - got);
                if (n < 0) {
                    break;
                }
                got += n;
            }
            return new String(buf, 0, got, StandardCharsets.UTF_8);
        }
    }

    @Test
    void answersTheCommandsRedisBenchmarkAndTheGeneratorSend() throws Exception {
        try (NettyRedisServer server = NettyRedisServer.start("127.0.0.1", 0, 1)) {
            String expected = "+PONG\r\n+OK\r\n$2\r\nv1\r\n$-1\r\n*2\r\n$4\r\nsave\r\n$0\r\n\r\n*0\r\n"
                    + "-ERR unknown command 'NOPE'\r\n-ERR wrong number of arguments for 'get' command\r\n";
            String request = "*1\r\n$4\r\nPING\r\n*3\r\n$3\r\nSET\r\n$2\r\nk1\r\n$2\r\nv1\r\n*2\r\n$3\r\nget\r\n$2\r\nk1\r\n"
                    + "*2\r\n$3\r\nGET\r\n$2\r\nk2\r\n*3\r\n$6\r\nCONFIG\r\n$3\r\nGET\r\n$4\r\nsave\r\n"
                    + "*1\r\n$7\r\nCOMMAND\r\n*1\r\n$4\r\nNOPE\r\n*1\r\n$3\r\nGET\r\n";
            assertEquals(expected, roundTrip(server.port(), request, expected.length()));
        }
    }

    @Test
    void servesAGeneratorRunWithEveryGetHittingAPrefilledKey() throws Exception {
        try (NettyRedisServer server = NettyRedisServer.start("127.0.0.1", 0, 1)) {
            LoadOptions o = new LoadOptions("127.0.0.1", server.port(), 4, 4, 0, 0.4, 0.1, 0.8, 500, 32,
                    Distribution.UNIFORM, 0.99, 1, true, "netty", null, null, 1, 2, false);
            RunResult r = LoadGenerator.run(o);
            assertTrue(r.clean(), r.failure() + ", errors " + r.errors() + ", wrong " + r.unexpected());
            assertEquals(0, r.misses(), "every key was prefilled");
            assertTrue(r.hits() > 0);
            assertEquals(500, server.keys());
        }
    }
}
