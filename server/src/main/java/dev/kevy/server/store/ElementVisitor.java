package dev.kevy.server.store;

import java.lang.foreign.MemorySegment;

/**
 * Receives the elements of a hash or a set, one call each ({@link Hashes#forEach},
 * {@link Sets#forEach}, the scans and random picks). Implement it with a long-lived object (a field
 * of the command), not a capturing lambda, so a walk allocates nothing.
 *
 * <p>The field (a hash's field, or a set's member) is {@code fieldLength} bytes of {@code segment}
 * at {@code fieldOffset}; a hash's value is {@code valueLength} bytes at {@code valueOffset} of the
 * same segment. For a set member {@code valueLength} is -1. The bytes are valid only during the
 * call, and the visitor must not change the keyspace.
 */
public interface ElementVisitor {
    void visit(MemorySegment segment, long fieldOffset, int fieldLength, long valueOffset, int valueLength);
}
