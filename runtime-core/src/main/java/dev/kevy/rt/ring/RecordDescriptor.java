package dev.kevy.rt.ring;

/**
 * Layout of one record. Rings and backlogs share it, so moving a record from a backlog into a
 * ring is a header write and one copy of the payload.
 *
 * <pre>
 *   0          4          8
 *   +----------+----------+---------------------------+---------------+
 *   |  length  |   type   |  payload (length bytes)   | pad to 8 bytes |
 *   +----------+----------+---------------------------+---------------+
 * </pre>
 *
 * <p>{@code length} counts payload bytes only; a record occupies {@link #recordLength(int)}
 * bytes, always a multiple of {@link #ALIGNMENT}, so every header sits on an 8-byte boundary.
 * Both header fields are native-order {@code int}s: records never leave the process.
 *
 * <p>Types: a caller's record type is any {@code int >= 0}. Negative types are the ring's own:
 * {@link #PADDING_TYPE} fills the gap at the end of a ring when the next record would not be
 * contiguous, and {@link #BLOCK_TYPE} marks a handed-over off-heap block whose payload is the
 * caller's type and a slot index (see {@link SpscRing}).
 */
public final class RecordDescriptor {
    /** Bytes of header before each payload. */
    public static final int HEADER_LENGTH = 8;
    /** Every record starts and ends on a multiple of this. */
    public static final int ALIGNMENT = 8;
    /** Offset of the payload length within the header. */
    public static final int LENGTH_OFFSET = 0;
    /** Offset of the record type within the header. */
    public static final int TYPE_OFFSET = 4;
    /** Type of a record that only skips the ring's tail end; never delivered. */
    public static final int PADDING_TYPE = -1;
    /** Type of a record that carries a block handoff; delivered through {@code onBlock}. */
    public static final int BLOCK_TYPE = -2;
    /** Payload offset of the caller's type inside a block record. */
    public static final int BLOCK_USER_TYPE_OFFSET = 0;
    /** Payload offset of the slot index inside a block record. */
    public static final int BLOCK_SLOT_OFFSET = 4;
    /** Payload length of a block record. */
    public static final int BLOCK_PAYLOAD_LENGTH = 8;

    private RecordDescriptor() {
    }

    /** Bytes a record with {@code payloadLength} bytes of payload occupies, header and padding included. */
    public static int recordLength(int payloadLength) {
        return (HEADER_LENGTH + payloadLength + ALIGNMENT - 1) & -ALIGNMENT;
    }

    /** Rejects a type reserved for the ring itself. */
    public static void checkUserType(int type) {
        if (type < 0) {
            throw new IllegalArgumentException("record type must be >= 0: " + type);
        }
    }
}
