package dev.kevy.server.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.io.IoEngineChoice;
import dev.kevy.server.ServerOptions;
import dev.kevy.server.compat.Kevy;
import dev.kevy.server.compat.Wire;
import dev.kevy.sys.IoUring;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code --io-engine}: its values and errors, and that the engine asked for is the one that runs
 * and the one INFO names. The suite runs once per engine ({@code -Dkevy.io-engine}), so this
 * checks each run really is on the engine it claims.
 */
class IoEngineOptionTest {

    @Test
    void theFlagTheEnvironmentAndTheirErrors() {
        assertEquals(IoEngineChoice.IO_URING, ServerOptions.parse(new String[] {"--io-engine", "io_uring"}, Map.of()).ioEngine());
        assertEquals(IoEngineChoice.EPOLL, ServerOptions.parse(new String[0], Map.of("KEVY_IO_ENGINE", "epoll")).ioEngine());
        assertEquals(IoEngineChoice.AUTO, ServerOptions.parse(new String[] {"--io-engine", "AUTO"},
                Map.of("KEVY_IO_ENGINE", "epoll")).ioEngine());
        assertEquals("--io-engine must be auto, epoll or io_uring, not 'poll'",
                assertThrows(ServerOptions.OptionException.class,
                        () -> ServerOptions.parse(new String[] {"--io-engine", "poll"}, Map.of())).getMessage());
    }

    @Test
    void infoNamesTheEngineTheSuiteAskedFor() {
        String asked = System.getProperty("kevy.io-engine", "auto");
        String expected = switch (IoEngineChoice.parse(asked)) {
            case EPOLL -> "epoll";
            case IO_URING -> "io_uring";
            case AUTO -> IoUring.isSupported() == null ? "io_uring" : "epoll";
        };
        try (Kevy kevy = Kevy.start(1); Wire c = new Wire(kevy.port())) {
            String info = Wire.text(c.call("INFO", "server"));
            assertTrue(info.contains("\r\nmultiplexing_api:" + expected + "\r\n"), info);
        }
    }

    @Test
    void aChildAskedForEitherEngineRunsIt() {
        try (ServerProcess epoll = ServerProcess.start("--io-engine", "epoll"); Wire c = new Wire(epoll.port())) {
            assertTrue(Wire.text(c.call("INFO", "server")).contains("\r\nmultiplexing_api:epoll\r\n"));
        }
        String why = IoUring.isSupported();
        Assumptions.assumeTrue(why == null, () -> "io_uring unavailable here: " + why);
        try (ServerProcess uring = ServerProcess.start("--io-engine", "io_uring"); Wire c = new Wire(uring.port())) {
            assertTrue(Wire.text(c.call("INFO", "server")).contains("\r\nmultiplexing_api:io_uring\r\n"));
            assertEquals("+PONG\r\n", c.callText("PING"));
        }
    }
}
