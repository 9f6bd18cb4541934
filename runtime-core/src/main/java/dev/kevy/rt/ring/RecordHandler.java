package dev.kevy.rt.ring;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Receives records from {@link RingConsumer#drain}. Implement it on a long-lived object (the shard's
 * dispatcher): the drain loop calls it once per record, so a capturing lambda would allocate per
 * drain and defeat the zero-allocation consumer.
 */
public interface RecordHandler {

    /**
     * One inline record, read in place.
     *
     * <p>The bytes {@code [offset, offset + length)} of {@code segment} belong to the ring: read
     * them during this call and keep no reference to them afterwards, because the producer may
     * overwrite them as soon as the drain that made this call returns.
     *
     * @param type    the producer's record type, {@code >= 0}
     * @param segment the ring's segment (the same object on every call from one ring)
     * @param offset  where the payload starts in {@code segment}
     * @param length  payload bytes
     */
    void onRecord(int type, MemorySegment segment, long offset, int length);

    /**
     * One block handed over by the producer; the handler now owns it.
     *
     * <p>The ring keeps no reference to the block after this call starts. The handler must end the
     * block's life: close {@code owner} when done (or hand the block and its owner on, for example
     * adopt it as a stored value). {@code owner} is {@code null} when the producer's memory is
     * managed some other way (a pool, {@link Arena#ofAuto()}), as agreed between producer and
     * consumer code.
     *
     * @param type  the producer's record type, {@code >= 0}
     * @param block the whole message, from offset 0 to {@code block.byteSize()}
     * @param owner the arena that frees {@code block}, or {@code null}
     */
    void onBlock(int type, MemorySegment block, Arena owner);
}
