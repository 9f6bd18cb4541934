package dev.kevy.server.store;

/**
 * What HRANDFIELD, SRANDMEMBER and the collection walks need of a hash or a set entry, so one
 * sampling routine serves both ({@link Hashes}, {@link Sets}). Entries come from their
 * {@code find}; identities from {@link #random} stay valid until the next write.
 */
public interface ElementSource {
    /** Elements in the collection entry. */
    int count(long entry);

    /** Visits every element. */
    void forEach(long entry, ElementVisitor visitor);

    /** The identity of an element chosen with 64 random bits; distinct elements have distinct identities. */
    long random(long entry, long random);

    /** Visits the element an identity names. */
    void visit(long identity, ElementVisitor visitor);

    /** HSCAN/SSCAN: about {@code count} elements from {@code cursor}; returns the next cursor, 0 when done. */
    long scan(long entry, long cursor, int count, ElementVisitor visitor);
}
