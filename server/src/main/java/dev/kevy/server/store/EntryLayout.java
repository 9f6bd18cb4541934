package dev.kevy.server.store;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Layout of one entry: a 24-byte header, then the key bytes, then the value bytes, all in one
 * allocator block so a lookup that matches touches one cache line for header and short keys.
 *
 * <pre>
 *  0  long  expireAt     absolute epoch milliseconds; 0 = no expiry
 *  8  int   keyLength
 * 12  int   valueLength
 * 16  int   expiryIndex  position in the {@link ExpiryIndex}; meaningful only when expireAt != 0
 * 20  int   meta         type in bits 0..3, encoding in bits 4..6, the snapshot bit 7, LRU clock
 *                       (seconds, 24 bits) in bits 8..31
 * 24  key bytes, then value bytes
 * </pre>
 *
 * <p>Fields are read with unaligned layouts: blocks are 8-byte aligned, but the unaligned forms
 * skip the alignment check and compile to the same plain moves on x86 and aarch64.
 */
final class EntryLayout {
    static final int EXPIRE_AT = 0;
    static final int KEY_LENGTH = 8;
    static final int VALUE_LENGTH = 12;
    static final int EXPIRY_INDEX = 16;
    static final int META = 20;
    static final int HEADER = 24;

    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;

    /** Bits of {@code meta} that hold the value's type ({@link Keyspace#TYPE_STRING}, ...). */
    static final int TYPE_MASK = 0x0F;
    /** Where in {@code meta} the encoding of the value starts (3 bits). */
    static final int ENCODING_SHIFT = 4;
    /** The type and encoding bits of {@code meta}: the value's "kind". */
    static final int KIND_MASK = 0x7F;
    /**
     * Bit 7 of {@code meta}: which side of the running snapshot's cut the entry is on (see
     * {@code Databases#snapshotPending}). Kept by every write of {@code meta}; set to the keyspace's
     * current value when an entry is created.
     */
    static final int SNAPSHOT_BIT = 0x80;
    /** Hash or set encoding: the elements packed in the value bytes ({@link Packed}). */
    static final int ENC_PACKED = 0;
    /** Hash or set encoding: the value bytes hold the block of a {@link FieldTable}; a list's: of its {@link ListNodes} directory. */
    static final int ENC_TABLE = 1;
    /** Set encoding: sorted 64-bit integers in the value bytes ({@link IntSet}). */
    static final int ENC_INTSET = 2;
    /** String encoding flag: changed in place (APPEND, SETRANGE), which Redis reports as "raw". */
    static final int ENC_RAW = 1;

    /** The LRU clock keeps 24 bits of seconds, as Redis does: it wraps every 194 days. */
    static final int LRU_MASK = 0xFF_FFFF;

    private EntryLayout() {
    }

    static long expireAt(MemorySegment s, long base) {
        return s.get(LONG, base + EXPIRE_AT);
    }

    static int keyLength(MemorySegment s, long base) {
        return s.get(INT, base + KEY_LENGTH);
    }

    static int valueLength(MemorySegment s, long base) {
        return s.get(INT, base + VALUE_LENGTH);
    }

    static int expiryIndex(MemorySegment s, long base) {
        return s.get(INT, base + EXPIRY_INDEX);
    }

    static int meta(MemorySegment s, long base) {
        return s.get(INT, base + META);
    }

    /** The low byte of {@code meta}: a type and its encoding, together the "kind" of a value. */
    static int kind(int type, int encoding) {
        return type | encoding << ENCODING_SHIFT;
    }

    /** A meta word for a value of this kind, last used at {@code nowMillis}. */
    static int meta(int kind, long nowMillis) {
        return (kind & KIND_MASK) | (lruClock(nowMillis) << 8);
    }

    static int type(int meta) {
        return meta & TYPE_MASK;
    }

    static int encoding(int meta) {
        return (meta >>> ENCODING_SHIFT) & 0x7;
    }

    /** Whether the value bytes of an entry with this meta hold a {@link FieldTable}'s block. */
    static boolean ownsTable(int meta) {
        return (meta & TYPE_MASK) != Keyspace.TYPE_STRING && encoding(meta) == ENC_TABLE;
    }

    static int lruClock(long nowMillis) {
        return (int) (nowMillis / 1000) & LRU_MASK;
    }

    /** Bytes an entry with these lengths needs; a long so callers can test it against limits. */
    static long blockSize(int keyLength, long valueLength) {
        return HEADER + (long) keyLength + valueLength;
    }

    /** True when the entry has an expiry and {@code nowMillis} is past it (Redis: expired when now > when). */
    static boolean isExpired(long expireAt, long nowMillis) {
        return expireAt != 0 && nowMillis > expireAt;
    }
}
