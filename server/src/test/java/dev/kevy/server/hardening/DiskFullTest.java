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
 * {@code kill -9} and a restart every acknowledged write is there and no refused one is.
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

    @Test
    void aFullDiskRefusesWritesKeepsReadsAndLosesNoAcknowledgedWrite() {
        String[] flags = {"--shards", "2", "--dir", dir.toString(), "--save", "", "--appendonly", "yes",
                "--appendfsync", "always"};
        List<String> acknowledged = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        try (ServerProcess kevy = ServerProcess.start(flags); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
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
}
