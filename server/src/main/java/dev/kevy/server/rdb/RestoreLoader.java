package dev.kevy.server.rdb;

import dev.kevy.server.store.Keyspace;
import java.lang.foreign.MemorySegment;

/**
 * Writes what {@link RdbReader} reads into a {@link Keyspace}: RESTORE's payload, one key. The
 * key must be absent when loading starts (RESTORE deleted it or found none); a payload that fails
 * half way leaves the key absent again ({@link #abandon}).
 *
 * <p>Element by element through the keyspace's own writes, so the value lands in the encoding
 * this server's limits choose, as Redis re-encodes on load.
 */
public final class RestoreLoader implements RdbVisitor, AutoCloseable {
    private final GrowableBuffer keyBuffer = new GrowableBuffer();
    private final GrowableBuffer fieldBuffer = new GrowableBuffer();
    private MemorySegment key = keyBuffer.atLeast(64);
    private int keyLength;
    private Keyspace keyspace;
    private long nowMillis;
    private int type;
    private boolean field = true;
    private MemorySegment fieldCopy;
    private int fieldLength;
    /** Why the last load failed, when a value does not fit (too large, a type not held); null if it did not. */
    private String refusal;

    /** Starts a load into {@code keyspace} at {@code nowMillis}. */
    public void begin(Keyspace keyspace, long nowMillis) {
        this.keyspace = keyspace;
        this.nowMillis = nowMillis;
        this.refusal = null;
        this.field = true;
    }

    /** Why the value could not be stored ({@code null}: it was). */
    public String refusal() {
        return refusal;
    }

    /** Removes whatever part of the key was written: the payload failed after it started. */
    public void abandon() {
        keyspace.delete(key, 0, keyLength, nowMillis);
    }

    /** Gives the key just loaded its absolute expiry time. */
    public void expireAt(long expireAtMillis) {
        long entry = keyspace.peek(key, 0, keyLength, nowMillis);
        if (entry != Keyspace.ABSENT) {
            keyspace.setExpireAt(entry, expireAtMillis);
        }
    }

    @Override
    public void key(int db, int type, MemorySegment s, long offset, int length, long expireAtMillis) {
        key = keyBuffer.atLeast(length);
        MemorySegment.copy(s, offset, key, 0, length);
        keyLength = length;
        this.type = type;
    }

    @Override
    public void element(MemorySegment s, long offset, int length) {
        if (refusal != null) {
            return;
        }
        long r = switch (type) {
            case Keyspace.TYPE_STRING -> keyspace.set(key, 0, keyLength, s, offset, length, 0, 0, nowMillis);
            case Keyspace.TYPE_SET -> keyspace.sets.add(key, 0, keyLength, s, offset, length, nowMillis);
            case Keyspace.TYPE_LIST -> keyspace.lists.push(key, 0, keyLength, s, offset, length, false, false, nowMillis);
            default -> hashElement(s, offset, length);
        };
        if (r == Keyspace.TOO_LARGE) {
            refusal = "string exceeds maximum allowed size (proto-max-bulk-len)";
        }
    }

    /** A hash's field is kept until its value arrives. */
    private int hashElement(MemorySegment s, long offset, int length) {
        if (field) {
            fieldCopy = fieldBuffer.atLeast(length);
            MemorySegment.copy(s, offset, fieldCopy, 0, length);
            fieldLength = length;
            field = false;
            return 0;
        }
        field = true;
        return keyspace.hashes.set(key, 0, keyLength, fieldCopy, 0, fieldLength, s, offset, length, false, nowMillis);
    }

    @Override
    public void scored(MemorySegment s, long offset, int length, double score) {
        if (refusal == null && keyspace.zsets.put(key, 0, keyLength, s, offset, length, score, nowMillis) == Keyspace.TOO_LARGE) {
            refusal = "string exceeds maximum allowed size (proto-max-bulk-len)";
        }
    }

    @Override
    public void endKey() {
    }

    /** Gives back buffers a large key or field grew. */
    public void trim() {
        keyBuffer.trim();
        fieldBuffer.trim();
    }

    @Override
    public void close() {
        keyBuffer.close();
        fieldBuffer.close();
    }
}
