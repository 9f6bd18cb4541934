package dev.kevy.server.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kevy.server.ShardKeys;
import dev.kevy.server.rdb.RdbReader;
import dev.kevy.server.rdb.RdbVisitor;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * A snapshot's cut against atomic commands across shards: each shard cuts when the snapshot's
 * message reaches it, and an atomic turn that starts while some shard still waits for it makes
 * that shard's cut first, so a turn is on the same side of the cut on every shard. A key renamed
 * back and forth between two shards while BGSAVE runs again and again is in every file exactly
 * once; a RENAME between the two shards' cuts would put it in both files' parts (the source
 * shard past its cut keeps it, the destination's cut comes after the write) or in neither.
 */
class SnapshotCutTest {
    private static final int SNAPSHOTS = 150;

    @TempDir
    Path dir;

    @Test
    void aKeyRenamedAcrossShardsDuringSnapshotsIsInEveryFileExactlyOnce() throws Exception {
        String a = ShardKeys.on(0, 2, "a", 1)[0];
        String b = ShardKeys.on(1, 2, "b", 1)[0];
        try (ServerProcess kevy = ServerProcess.start("--shards", "2", "--dir", dir.toString());
             Jedis j = new Jedis("127.0.0.1", kevy.port());
             Jedis renamer = new Jedis("127.0.0.1", kevy.port())) {
            j.set(a, "v");
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Thread pingPong = new Thread(() -> {
                try {
                    for (long n = 0; !stop.get(); n++) { // each RENAME is an atomic turn of both shards
                        renamer.rename(n % 2 == 0 ? a : b, n % 2 == 0 ? b : a);
                    }
                } catch (Throwable t) {
                    failed.set(t);
                }
            });
            pingPong.start();
            List<String> wrong = new ArrayList<>();
            try {
                for (int i = 0; i < SNAPSHOTS && wrong.size() < 3; i++) {
                    assertEquals("Background saving started", j.bgsave());
                    awaitSaved(j);
                    List<String> keys = keysIn(dir.resolve("dump.rdb"));
                    if (keys.size() != 1) {
                        wrong.add("snapshot " + i + " holds " + keys);
                    }
                }
            } finally {
                stop.set(true);
                pingPong.join();
            }
            assertNull(failed.get(), "the renames");
            assertEquals(List.of(), wrong, "the key once in every file, as " + a + " or " + b);
        }
    }

    /** Waits until the BGSAVE just started is on disk, and checks it succeeded. */
    private static void awaitSaved(Jedis j) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String info;
        while ((info = j.info("persistence")).contains("rdb_bgsave_in_progress:1\r\n")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the BGSAVE never ended:\n" + info);
            }
            Thread.onSpinWait();
        }
        assertEquals(true, info.contains("rdb_last_bgsave_status:ok\r\n"), info);
    }

    private static List<String> keysIn(Path file) throws java.io.IOException {
        List<String> keys = new ArrayList<>();
        RdbReader.readFile(MemorySegment.ofArray(Files.readAllBytes(file)), new RdbVisitor() {
            @Override
            public void key(int db, int type, MemorySegment s, long offset, int length, long expireAtMillis) {
                byte[] name = new byte[length];
                MemorySegment.copy(s, java.lang.foreign.ValueLayout.JAVA_BYTE, offset, name, 0, length);
                keys.add(new String(name, StandardCharsets.UTF_8));
            }

            @Override
            public void element(MemorySegment s, long offset, int length) {
            }

            @Override
            public void scored(MemorySegment s, long offset, int length, double score) {
            }

            @Override
            public void endKey() {
            }
        });
        return keys;
    }
}
