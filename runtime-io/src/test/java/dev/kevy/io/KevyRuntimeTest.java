package dev.kevy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kevy.io.resp.RespCommand;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.sys.Errno;
import dev.kevy.sys.SysException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Starting and stopping a runtime around a minimal handler that answers PING with +PONG. */
class KevyRuntimeTest {

    private static final Commands PONG = context -> new CommandHandler() {
        @Override
        public int route(RespCommand command, Session session) {
            return HERE;
        }

        @Override
        public void execute(RespCommand command, Session session, OutputBuffer reply) {
            RespWriter.pong(reply);
        }
    };

    private static RuntimeConfig config(int port, int shards) {
        return RuntimeConfig.builder().port(port).shards(shards).build();
    }

    private static String ping(int port) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            return new String(in.readNBytes(7), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void secondRuntimeOnABusyPortFailsWithEaddrinuseAndTheFirstKeepsServing() throws IOException {
        try (KevyRuntime first = KevyRuntime.start(config(0, 2), PONG)) {
            SysException e = assertThrows(SysException.class, () -> KevyRuntime.start(config(first.port(), 2), PONG));
            assertEquals(Errno.EADDRINUSE, e.errno(), e.getMessage());
            for (int i = 0; i < 8; i++) { // every connection still reaches the first runtime
                assertEquals("+PONG\r\n", ping(first.port()));
            }
        }
    }

    @Test
    void portHeldByAnotherProgramIsRefusedToo() throws IOException {
        try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            SysException e = assertThrows(SysException.class,
                    () -> KevyRuntime.start(config(other.getLocalPort(), 2), PONG));
            assertEquals(Errno.EADDRINUSE, e.errno(), e.getMessage());
        }
    }

    @Test
    void stoppedRuntimeFreesItsPortForTheNextOne() throws IOException {
        int port;
        try (KevyRuntime first = KevyRuntime.start(config(0, 2), PONG)) {
            port = first.port();
            assertEquals("+PONG\r\n", ping(port));
        }
        try (KevyRuntime second = KevyRuntime.start(config(port, 2), PONG)) {
            assertEquals(port, second.port());
            assertEquals("+PONG\r\n", ping(port));
        }
    }
}
