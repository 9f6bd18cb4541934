package dev.kevy.server.rdb;

import dev.kevy.server.store.Keyspace;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Reads Redis's RDB format: whole files ({@code dump.rdb}, versions 1 to 11, so Redis 7.0 and
 * 7.2) and DUMP payloads, handing every key and element to an {@link RdbVisitor}.
 *
 * <p>Loaded: strings (plain, integer-encoded, LZF-compressed), lists (quicklist of listpacks or
 * plain nodes; the plain list of old files), sets (plain, intset, 7.2's listpack), hashes (plain,
 * listpack), sorted sets (plain with binary or text scores, listpack), expiries in seconds or
 * milliseconds, databases, AUX fields. Refused with {@link RdbFormatException} naming what it met:
 * the ziplist and zipmap encodings of files written before Redis 7.0 (load them into Redis 7 and
 * save again), streams, modules and functions, which kevy does not hold; and any malformed or
 * truncated input, a wrong checksum included. Idle times and LFU counters are read and dropped.
 *
 * <p>This is the load path, not the shard loop: it allocates a little per file (the decompression
 * buffer, AUX texts), nothing per element.
 */
public final class RdbReader {
    static final int RDB_STRING = 0;
    static final int RDB_LIST = 1;
    static final int RDB_SET = 2;
    static final int RDB_ZSET = 3;
    static final int RDB_HASH = 4;
    static final int RDB_ZSET_2 = 5;
    static final int RDB_SET_INTSET = 11;
    static final int RDB_HASH_LISTPACK = 16;
    static final int RDB_ZSET_LISTPACK = 17;
    static final int RDB_LIST_QUICKLIST_2 = 18;
    static final int RDB_SET_LISTPACK = 20;

    static final int OP_FUNCTION2 = 245;
    static final int OP_FUNCTION = 246;
    static final int OP_MODULE_AUX = 247;
    static final int OP_IDLE = 248;
    static final int OP_FREQ = 249;
    static final int OP_AUX = 250;
    static final int OP_RESIZEDB = 251;
    static final int OP_EXPIRETIME_MS = 252;
    static final int OP_EXPIRETIME = 253;
    static final int OP_SELECTDB = 254;
    static final int OP_EOF = 255;

    private static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

    /** The newest format version read: Redis 7.2's. */
    public static final int MAX_VERSION = 11;
    private static final int QUICKLIST_PLAIN = 1;
    private static final int QUICKLIST_PACKED = 2;

    private RdbReader() {
    }

    /**
     * Reads the RDB file held in {@code file}, checking its trailing CRC-64 (a stored 0 means the
     * writer had {@code rdbchecksum no}). Returns the number of keys read.
     */
    public static long readFile(MemorySegment file, RdbVisitor visitor) {
        return readFile(file, visitor, true);
    }

    /**
     * Reads the RDB file held in {@code file}, checking its trailing CRC-64 only when
     * {@code verify} (a second reading of bytes already checked need not pay for it again).
     */
    public static long readFile(MemorySegment file, RdbVisitor visitor, boolean verify) {
        try (RdbInput in = new RdbInput()) {
            in.reset(file, 0, file.byteSize());
            int version = header(in);
            int db = 0;
            long expireAt = 0;
            long keys = 0;
            while (true) {
                int op = in.u8();
                switch (op) {
                    case OP_EXPIRETIME_MS -> expireAt = in.int64Le();
                    case OP_EXPIRETIME -> expireAt = (in.int32Le() & 0xFFFF_FFFFL) * 1000;
                    case OP_IDLE -> in.length();
                    case OP_FREQ -> in.u8();
                    case OP_SELECTDB -> db = (int) Math.min(in.length(), Integer.MAX_VALUE);
                    case OP_RESIZEDB -> {
                        long size = in.length();
                        visitor.resizeDb(db, size, in.length());
                    }
                    case OP_AUX -> {
                        in.string();
                        String name = in.text();
                        in.string();
                        visitor.aux(name, in.text());
                    }
                    case OP_MODULE_AUX -> throw new RdbFormatException("module data (kevy loads no modules)");
                    case OP_FUNCTION, OP_FUNCTION2 -> throw new RdbFormatException("a function library (kevy has no FUNCTION)");
                    case OP_EOF -> {
                        if (verify) {
                            checksum(in, version);
                        }
                        return keys;
                    }
                    default -> {
                        keyAndValue(op, db, expireAt, in, visitor);
                        expireAt = 0;
                        keys++;
                    }
                }
            }
        }
    }

    /**
     * Reads a DUMP payload (a value, a 2-byte RDB version, a CRC-64 of what precedes it) for
     * {@code key}, as RESTORE does: the key goes to the visitor with database 0 and no expiry.
     * {@code cursor} is reused from call to call (one per thread), so a payload read allocates
     * nothing once its buffers have grown.
     */
    public static void readDump(MemorySegment payload, long offset, long length,
                                MemorySegment key, long keyOffset, int keyLength, RdbVisitor visitor, RdbInput cursor) {
        if (!dumpFooterValid(payload, offset, length)) {
            throw new RdbFormatException("a DUMP payload whose RDB version or checksum is wrong");
        }
        if (length < 11) {
            throw new RdbFormatException("a DUMP payload with no value");
        }
        long footer = offset + length - 10;
        RdbInput in = cursor.reset(payload, offset, footer);
        int type = in.u8();
        visitor.key(0, keyspaceType(type), key, keyOffset, keyLength, 0);
        RdbValues.read(type, in, visitor);
        visitor.endKey();
        if (in.pos != footer) {
            throw new RdbFormatException("a DUMP payload with " + (footer - in.pos) + " bytes after its value");
        }
    }

    /**
     * Whether a DUMP payload's footer is right, as RESTORE checks it first: at least 10 bytes, an
     * RDB version this reader knows, and a CRC-64 that matches everything before it.
     */
    public static boolean dumpFooterValid(MemorySegment payload, long offset, long length) {
        if (length < 10) {
            return false;
        }
        long footer = offset + length - 10;
        int version = payload.get(SHORT_LE, footer) & 0xFFFF;
        long stored = payload.get(LONG_LE, footer + 2);
        return version <= MAX_VERSION && Crc64.update(0, payload, offset, length - 8) == stored;
    }

    private static int header(RdbInput in) {
        if (in.end < 9 || !"REDIS".equals(ascii(in, 5))) {
            throw new RdbFormatException("not an RDB file (it does not start with REDIS and a version)");
        }
        in.pos = 5;
        int version = 0;
        for (int i = 0; i < 4; i++) {
            int d = in.u8() - '0';
            if (d < 0 || d > 9) {
                throw new RdbFormatException("not an RDB file (its version is not four digits)");
            }
            version = version * 10 + d;
        }
        if (version < 1 || version > MAX_VERSION) {
            throw new RdbFormatException("RDB version " + version + " (read: 1 to " + MAX_VERSION + ")");
        }
        return version;
    }

    private static String ascii(RdbInput in, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) (in.in.get(ValueLayout.JAVA_BYTE, i) & 0xFF));
        }
        return b.toString();
    }

    private static void keyAndValue(int type, int db, long expireAt, RdbInput in, RdbVisitor visitor) {
        int keyspaceType = keyspaceType(type);
        in.string();
        visitor.key(db, keyspaceType, in.segment, in.offset, in.length, expireAt);
        RdbValues.read(type, in, visitor);
        visitor.endKey();
    }

    /** The Keyspace type of an RDB value type, or a refusal naming what the type holds. */
    static int keyspaceType(int rdbType) {
        return switch (rdbType) {
            case RDB_STRING -> Keyspace.TYPE_STRING;
            case RDB_LIST, RDB_LIST_QUICKLIST_2 -> Keyspace.TYPE_LIST;
            case RDB_SET, RDB_SET_INTSET, RDB_SET_LISTPACK -> Keyspace.TYPE_SET;
            case RDB_ZSET, RDB_ZSET_2, RDB_ZSET_LISTPACK -> Keyspace.TYPE_ZSET;
            case RDB_HASH, RDB_HASH_LISTPACK -> Keyspace.TYPE_HASH;
            case 9, 10, 12, 13, 14 -> throw new RdbFormatException("RDB value type " + rdbType
                    + " (a ziplist or zipmap, written by Redis before 7.0): load the file into Redis 7 and save it again");
            case 15, 19, 21 -> throw new RdbFormatException("a stream (kevy holds no streams)");
            case 6, 7 -> throw new RdbFormatException("a module value (kevy loads no modules)");
            default -> throw new RdbFormatException("unknown RDB value type " + rdbType);
        };
    }

    private static void checksum(RdbInput in, int version) {
        if (version < 5) {
            return;
        }
        long computed = Crc64.update(0, in.in, 0, in.pos);
        long stored = in.int64Le();
        if (stored != 0 && stored != computed) {
            throw new RdbFormatException("the file's checksum does not match (stored " + Long.toHexString(stored)
                    + ", computed " + Long.toHexString(computed) + ")");
        }
    }
}
