package dev.kevy.server.store;

import java.lang.foreign.MemorySegment;

/** The names OBJECT ENCODING gives a string's representation, decided as Redis decides them. */
final class Encodings {
    /** Longest string Redis embeds in its object header ({@code OBJ_ENCODING_EMBSTR_SIZE_LIMIT}). */
    private static final int EMBSTR_LIMIT = 44;

    private Encodings() {
    }

    /** The name of the encoding of a value of this kind ({@link EntryLayout#kind}) and these bytes. */
    static String name(int kind, MemorySegment s, long offset, int length) {
        if (EntryLayout.type(kind) == Keyspace.TYPE_LIST) {
            return "quicklist"; // Redis 7.0 has no other list encoding
        }
        if (EntryLayout.type(kind) == Keyspace.TYPE_STRING) {
            return ofString(s, offset, length, EntryLayout.encoding(kind) == EntryLayout.ENC_RAW);
        }
        return switch (EntryLayout.encoding(kind)) {
            case EntryLayout.ENC_TABLE -> EntryLayout.type(kind) == Keyspace.TYPE_ZSET ? "skiplist" : "hashtable";
            case EntryLayout.ENC_INTSET -> "intset";
            default -> "listpack";
        };
    }

    /**
     * "int" for the canonical text of a 64-bit integer, "embstr" up to 44 bytes, "raw" beyond or
     * once changed in place ({@code raw}: APPEND to an existing string, SETRANGE), as Redis's
     * {@code tryObjectEncoding} leaves them.
     */
    static String ofString(MemorySegment s, long offset, int length, boolean raw) {
        if (raw) {
            return "raw";
        }
        if (Decimal.isInteger(s, offset, length)) {
            return "int";
        }
        return length <= EMBSTR_LIMIT ? "embstr" : "raw";
    }
}
