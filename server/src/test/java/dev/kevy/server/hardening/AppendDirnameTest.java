package dev.kevy.server.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.server.ServerOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * {@code appenddirname}, as Redis 7: the log's files (manifest, base, incremental logs) live in
 * that directory inside {@code --dir}, which is created when missing, at start-up and by CONFIG
 * SET appendonly yes; the name is fixed at start-up and cannot be a path.
 */
class AppendDirnameTest {

    @TempDir
    Path dir;

    private String[] flags(String... more) {
        List<String> all = new java.util.ArrayList<>(List.of("--shards", "2", "--dir", dir.toString(),
                "--appendfsync", "always"));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void theLogLivesInItsDirectoryAndComesBackFromThere() throws Exception {
        Map<String, String> written;
        try (ServerProcess kevy = ServerProcess.start(flags("--appendonly", "yes", "--appenddirname", "logs"));
             Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            assertEquals("logs", j.configGet("appenddirname").get("appenddirname"));
            DataSet.populate(j);
            written = DataSet.contents(j);
            kevy.kill();
        }
        assertEquals("file appendonly.aof.1.incr.klog seq 1 type i\n",
                Files.readString(dir.resolve("logs/appendonly.aof.manifest")));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("logs"), files.map(p -> p.getFileName().toString()).toList(), "nothing beside it");
        }
        try (ServerProcess kevy = ServerProcess.start(flags("--appendonly", "yes", "--appenddirname", "logs"));
             Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            DataSet.assertSameContents(written, DataSet.contents(j), "replayed from logs/");
            assertEquals("Background append only file rewriting started", j.bgrewriteaof());
            AppendLogTurnOnTest.awaitBase(j);
        }
        assertEquals("file appendonly.aof.2.base.rdb seq 2 type b\nfile appendonly.aof.2.incr.klog seq 2 type i\n",
                Files.readString(dir.resolve("logs/appendonly.aof.manifest")), "a rewrite's base goes there too");
        assertTrue(Files.exists(dir.resolve("logs/appendonly.aof.2.base.rdb")));
    }

    @Test
    void aTurnOnCreatesTheDefaultDirectory() throws Exception {
        try (ServerProcess kevy = ServerProcess.start(flags("--appendonly", "no"));
             Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            assertFalse(Files.exists(dir.resolve("appendonlydir")), "not made while the log is off");
            j.set("k", "v");
            assertEquals("OK", j.configSet("appendonly", "yes"));
            AppendLogTurnOnTest.awaitBase(j);
            assertTrue(Files.isDirectory(dir.resolve("appendonlydir")));
            assertTrue(Files.exists(dir.resolve("appendonlydir/appendonly.aof.1.base.rdb")));
        }
    }

    @Test
    void aFileInTheWayRefusesTheStartInOneLine() throws Exception {
        Files.writeString(dir.resolve("appendonlydir"), "not a directory");
        Process p = ServerProcess.launch(flags("--appendonly", "yes"));
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor(), output);
        assertEquals("kevy: Can't open or create append-only dir " + dir + "/appendonlydir: Not a directory",
                output.strip());
    }

    @Test
    void theNameIsADirectoryNameNotAPath() {
        assertEquals("appendonlydir", ServerOptions.parse(new String[0], Map.of()).append().dirname());
        assertEquals("--appenddirname: appenddirname can't be a path, just a dirname", assertThrows(
                ServerOptions.OptionException.class,
                () -> ServerOptions.parse(new String[] {"--appenddirname", "a/b"}, Map.of())).getMessage());
        assertEquals("--appenddirname: appenddirname can't be empty", assertThrows(ServerOptions.OptionException.class,
                () -> ServerOptions.parse(new String[] {"--appenddirname", ""}, Map.of())).getMessage());
        assertEquals("--appendfilename: appendfilename can't be a path, just a filename", assertThrows(
                ServerOptions.OptionException.class,
                () -> ServerOptions.parse(new String[] {"--appendfilename", "a/b"}, Map.of())).getMessage());
    }
}
