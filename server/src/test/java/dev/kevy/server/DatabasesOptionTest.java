package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kevy.io.KevyRuntime;
import dev.kevy.io.Listener;
import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.resp.RespCodec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --databases N} and {@code KEVY_DATABASES}: Redis's name and default, and what it bounds. */
class DatabasesOptionTest {

    @Test
    void sixteenByDefaultSetByEnvironmentAndTheFlagWins() {
        assertEquals(16, ServerOptions.parse(new String[0], Map.of()).databases());
        assertEquals(4, ServerOptions.parse(new String[0], Map.of("KEVY_DATABASES", "4")).databases());
        assertEquals(1, ServerOptions.parse(new String[] {"--databases", "1"}, Map.of("KEVY_DATABASES", "4"))
                .databases());
        assertEquals(65_536, ServerOptions.parse(new String[] {"--databases", "65536"}, Map.of()).databases());
    }

    @Test
    void aCountOutsideOneTo65536IsOneClearLine() {
        assertEquals("--databases must be between 1 and 65536, not 0", assertThrows(ServerOptions.OptionException.class,
                () -> ServerOptions.parse(new String[] {"--databases", "0"}, Map.of())).getMessage());
        assertEquals("--databases must be between 1 and 65536, not 65537", assertThrows(
                ServerOptions.OptionException.class,
                () -> ServerOptions.parse(new String[] {"--databases", "65537"}, Map.of())).getMessage());
        assertEquals("KEVY_DATABASES must be a whole number, not 'many'", assertThrows(
                ServerOptions.OptionException.class,
                () -> ServerOptions.parse(new String[0], Map.of("KEVY_DATABASES", "many"))).getMessage());
    }

    /** A server with four databases: SELECT, SWAPDB and MOVE accept 0 to 3, and CONFIG GET says 4. */
    @Test
    void theCountBoundsSelectSwapdbAndMove() {
        ServerOptions options = ServerOptions.parse(new String[] {"--databases", "4", "--shards", "2"}, Map.of());
        RuntimeConfig config = RuntimeConfig.builder().shards(options.shards()).build();
        LiveSettings settings = new LiveSettings(options, config.idle().spinLimit(), 512L << 20);
        KevyRuntime runtime = KevyRuntime.start(config,
                Listener.tcp("127.0.0.1", 0, new RespCodec(), new KevyServer(settings)));
        try (RawClient c = new RawClient(runtime.port())) {
            c.call(Resp.ok(), "SELECT", "3");
            c.call(Resp.error("ERR DB index is out of range"), "SELECT", "4");
            c.call(Resp.error("ERR DB index is out of range"), "SWAPDB", "0", "4");
            c.call(Resp.ok(), "SWAPDB", "0", "3");
            c.call(Resp.ok(), "SET", "k", "v");
            c.call(Resp.error("ERR DB index is out of range"), "MOVE", "k", "4");
            c.call(Resp.integer(1), "MOVE", "k", "0");
            c.call(Resp.array(Resp.bulk("databases"), Resp.bulk("4")), "CONFIG", "GET", "databases");
        } finally {
            runtime.stop();
        }
    }
}
