package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.codec.Request;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.store.Databases;
import dev.kevy.server.store.Keyspace;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The "key modified" hook of {@link KeyEvents} (for WATCH) hears every change with notifications
 * off: writes, DEL, RENAME (both keys), MOVE (both databases), expiry found on access and by the
 * active expiry, FLUSHDB, FLUSHALL and SWAPDB (every key of the databases); reads touch nothing.
 */
class KeyEventsHookTest {

    private static final long NOW = 1_700_000_000_000L;

    private final List<String> touched = new ArrayList<>();
    private final KeyEvents.Modified recorder = new KeyEvents.Modified() {
        @Override
        public void touch(int db, MemorySegment s, long keyOffset, int keyLength) {
            byte[] key = new byte[keyLength];
            MemorySegment.copy(s, ValueLayout.JAVA_BYTE, keyOffset, key, 0, keyLength);
            touched.add(db + ":" + new String(key, java.nio.charset.StandardCharsets.ISO_8859_1));
        }

        @Override
        public void touchAll(int db) {
            touched.add(db + ":*");
        }
    };
    private final BufferPool pool = new BufferPool();
    private final OutputBuffer out = new OutputBuffer(pool, Long.MAX_VALUE);
    private final Databases databases = new Databases(4);
    private final LiveSettings settings = LiveSettings.of(RuntimeConfig.builder().shards(1).build(), "127.0.0.1", 0,
            512L << 20, null, 0);
    private final StringCommands strings = new StringCommands(new KeyStats());
    private final ExpireCommands expires = new ExpireCommands();
    private final KeyCommands keys = new KeyCommands(pool);

    KeyEventsHookTest() {
        databases.listen(new KeyEvents(null, settings, null, recorder, new Durability(null, null))); // notifications off: no delivery
    }

    @AfterEach
    void close() {
        keys.release();
        out.release();
        databases.close();
        pool.close();
    }

    private static Request r(String... args) {
        return Requests.of(args);
    }

    private List<String> take() {
        List<String> t = new ArrayList<>(touched);
        touched.clear();
        out.clear();
        return t;
    }

    @Test
    void everyChangeIsHeardAndNoRead() {
        Keyspace db0 = databases.get(0);
        strings.set(db0, r("SET", "a", "1"), out, NOW);
        strings.get(db0, r("GET", "a"), out, NOW);
        strings.get(db0, r("GET", "missing"), out, NOW);
        assertEquals(List.of("0:a"), take());
        KeyCommands.rename(db0, db0, r("RENAME", "a", "b"), out, NOW, false);
        assertEquals(List.of("0:a", "0:b"), take());
        KeyCommands.move(databases, 0, r("MOVE", "b", "2"), out, NOW);
        assertEquals(List.of("0:b", "2:b"), take());
        strings.set(db0, r("SET", "c", "1"), out, NOW);
        keys.del(db0, r("DEL", "c", "nothing"), out, NOW);
        assertEquals(List.of("0:c", "0:c"), take());
        strings.set(db0, r("SET", "lazy", "1", "PX", "10"), out, NOW);
        strings.set(db0, r("SET", "active", "1", "PX", "10"), out, NOW);
        assertEquals(List.of("0:lazy", "0:lazy", "0:active", "0:active"), take()); // set, then expire
        strings.get(db0, r("GET", "lazy"), out, NOW + 11);
        assertEquals(List.of("0:lazy"), take());
        db0.expireSome(NOW + 11, 20);
        assertEquals(List.of("0:active"), take());
        expires.expire(db0, r("PEXPIRE", "nothing", "5"), out, NOW, ExpireCommands.MILLIS);
        assertEquals(List.of(), take());
        KeyCommands.flush(db0, null, r("FLUSHDB"), out);
        assertEquals(List.of("0:*"), take());
        KeyCommands.swapdb(r("SWAPDB", "0", "2"), out, new Watches[0], databases);
        assertEquals(List.of("0:*", "2:*"), take());
        strings.set(databases.get(0), r("SET", "after-swap", "1"), out, NOW);
        assertEquals(List.of("0:after-swap"), take(), "the swapped-in database reports as database 0");
        KeyCommands.flush(db0, databases, r("FLUSHALL"), out);
        assertEquals(List.of("0:*", "2:*"), take(), "every database made on this shard (1 never was)");
    }
}
