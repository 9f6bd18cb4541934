package dev.kevy.server.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The log on a disk that fills up: a real one (a 2 MiB tmpfs, so it needs the right to mount;
 * skipped with the reason where that is refused). Writes are acknowledged until the disk is full,
 * then refused with Redis's {@code -MISCONF} and the kernel's words, reads go on, and after a
 * {@code kill -9} and a restart every acknowledged write is there and no refused one is. Once the
 * disk has room again, BGREWRITEAOF makes a new log and writes are acknowledged again.
 */
class DiskFullTest {
    private static final String VALUE = "v".repeat(1000);

    @TempDir
    Path dir;
    private boolean mounted;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", dir.toString())
                .redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        Assumptions.assumeTrue(p.waitFor() == 0, "cannot mount a tmpfs here (needs CAP_SYS_ADMIN): " + said);
        mounted = true;
    }

    @AfterEach
    void unmount() throws IOException, InterruptedException {
        if (mounted) {
            new ProcessBuilder("umount", dir.toString()).inheritIO().start().waitFor();
        }
    }

    private final String[] flags = {"--shards", "2", "--dir", "", "--save", "", "--appendonly", "yes",
            "--appendfsync", "always"};

    /** Writes 1 KB values until three are refused; returns the acknowledged keys, then the refused ones. */
    private static List<List<String>> fillUp(Jedis j) {
        List<String> acknowledged = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (int i = 0; refused.size() < 3; i++) {
            if (i > 10_000) {
                fail("2 MiB never filled up: " + acknowledged.size() + " writes of 1 KB acknowledged");
            }
            String key = "k" + i;
            try {
                assertEquals("OK", j.set(key, VALUE));
                assertTrue(refused.isEmpty(), "a write acknowledged after one was refused: " + key);
                acknowledged.add(key);
            } catch (JedisDataException e) {
                assertEquals("MISCONF Errors writing to the AOF file: No space left on device", e.getMessage());
                refused.add(key);
            }
        }
        assertTrue(acknowledged.size() > 1000, acknowledged.size() + " writes fit in 2 MiB");
        assertEquals(VALUE, j.get(acknowledged.getLast()), "reads go on");
        assertTrue(j.info("persistence").contains("aof_last_write_status:err"), j.info("persistence"));
        return List.of(acknowledged, refused);
    }

    @Test
    void aFullDiskRefusesWritesKeepsReadsAndLosesNoAcknowledgedWrite() {
        flags[3] = dir.toString();
        List<String> acknowledged;
        List<String> refused;
        try (ServerProcess kevy = ServerProcess.start(flags); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            List<List<String>> outcome = fillUp(j);
            acknowledged = outcome.get(0);
            refused = outcome.get(1);
            kevy.kill();
        }
        try (ServerProcess kevy = ServerProcess.start(flags); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            for (String key : acknowledged) {
                assertEquals(VALUE, j.get(key), key + " was acknowledged before the disk filled up");
            }
            for (String key : refused) {
                assertNull(j.get(key), key + " was refused, and is not there after the restart");
            }
        }
    }

    @Test
    void onceTheDiskHasRoomBgrewriteaofMakesANewLogAndWritesAreAcknowledgedAgain() throws Exception {
        flags[3] = dir.toString();
        List<String> acknowledged;
        try (ServerProcess kevy = ServerProcess.start(flags); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            acknowledged = new ArrayList<>(fillUp(j).get(0));
            assertEquals(0, new ProcessBuilder("mount", "-o", "remount,size=32m", dir.toString()).inheritIO().start()
                    .waitFor(), "the disk grows");
            assertEquals("Background append only file rewriting started", j.bgrewriteaof());
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (j.info("persistence").contains("aof_rewrite_in_progress:1")) {
                assertTrue(System.nanoTime() < deadline, "the new log's base was not written: " + j.info("persistence"));
                Thread.onSpinWait();
            }
            assertTrue(j.info("persistence").contains("aof_last_write_status:ok"), j.info("persistence"));
            for (int i = 0; i < 100; i++) { // acknowledged under always again, on both shards
                assertEquals("OK", j.set("again:" + i, VALUE));
                acknowledged.add("again:" + i);
            }
            kevy.kill();
        }
        try (ServerProcess kevy = ServerProcess.start(flags); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            for (String key : acknowledged) {
                assertEquals(VALUE, j.get(key), key + " was acknowledged");
            }
        }
    }
}
