package dev.kevy.server.store;

import java.lang.foreign.MemorySegment;

/**
 * Receives the entries of a {@link Keyspace#scan} or {@link Keyspace#forEach}. Implement it with a
 * long-lived object (a field of the command, not a capturing lambda) so a scan allocates nothing.
 *
 * <p>The key is {@code keyLength} bytes of {@code segment} at {@code keyOffset}; {@code entry} is
 * the entry's handle for the other {@link Keyspace} accessors ({@code type}, {@code expireAt},
 * {@code valueLength}, ...). A visitor must not change the keyspace; collect keys and act on them
 * after the call returns.
 */
public interface EntryVisitor {
    void visit(MemorySegment segment, long keyOffset, int keyLength, long entry);
}
