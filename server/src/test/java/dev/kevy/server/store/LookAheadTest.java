package dev.kevy.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@link LookAhead} is a hint: whatever keys it is shown (present, absent, expired, in a keyspace
 * being resized, more than it holds), it changes nothing a command could observe: no key appears
 * or vanishes, no expired key is reaped, no access is recorded, no memory moves.
 */
class LookAheadTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long LATER = T0 + 100_000;
    private static final int KEYS = 3_000;

    private final Arena arena = Arena.ofConfined();

    @Test
    void lookingAheadChangesNothingObservable() {
        try (Keyspace keyspace = new Keyspace(16, Keyspace.DEFAULT_MAX_VALUE_BYTES)) {
            for (int i = 0; i < KEYS || !keyspace.isRehashing(); i++) { // stop mid-resize
                MemorySegment key = text("key:" + i);
                keyspace.set(key, 0, (int) key.byteSize(), text("v" + i), 0, ("v" + i).length(),
                        i % 3 == 0 ? T0 + 1_000 : 0, 0, T0); // a third expire before LATER
            }
            int size = keyspace.size();
            int expires = keyspace.expiresCount();
            long used = keyspace.usedMemory();
            long entry = keyspace.peek(text("key:1"), 0, 5, LATER);

            LookAhead ahead = new LookAhead();
            for (int round = 0; round < 4; round++) {
                for (int i = round * 1_000; i < round * 1_000 + LookAhead.CAPACITY + 5; i++) {
                    MemorySegment key = text((round == 3 ? "absent:" : "key:") + i); // present, expired, absent
                    ahead.add(keyspace, key, 0, (int) key.byteSize());
                }
                assertEquals(LookAhead.CAPACITY, ahead.count(), "a full look-ahead ignores further keys");
                ahead.finish();
                assertEquals(0, ahead.count());
            }

            assertTrue(keyspace.isRehashing(), "both tables were looked in");
            assertEquals(size, keyspace.size());
            assertEquals(expires, keyspace.expiresCount(), "no expired key was reaped");
            assertEquals(used, keyspace.usedMemory());
            assertEquals(entry, keyspace.peek(text("key:1"), 0, 5, LATER), "no entry moved");
            assertEquals(100, keyspace.idleSeconds(entry, LATER), "no access was recorded");
        }
    }

    private MemorySegment text(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        return arena.allocate(bytes.length).copyFrom(MemorySegment.ofArray(bytes));
    }
}
