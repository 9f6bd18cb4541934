package dev.kevy.stress;

import dev.kevy.rt.ring.RecordHandler;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A handler that turns the records it sees into one number, a digit per record in arrival order:
 * the record's type if every payload long equals {@link #pattern(int)} of that type, else 9. So
 * records 1, 2, 3 intact give 123; a torn payload shows as a 9; loss, duplication or reordering
 * change the digits.
 */
public final class Digits implements RecordHandler {
    private int value;

    /** The long every payload word of a record of {@code type} holds. */
    public static long pattern(int type) {
        return type * 0x0101_0101_0101_0101L;
    }

    /** The digits so far (0 if none). */
    public int value() {
        return value;
    }

    @Override
    public void onRecord(int type, MemorySegment segment, long offset, int length) {
        append(type, segment, offset, length);
    }

    @Override
    public void onBlock(int type, MemorySegment block, Arena owner) {
        append(type, block, 0, block.byteSize());
    }

    private void append(int type, MemorySegment segment, long offset, long length) {
        int digit = type;
        for (long i = 0; i < length; i += Long.BYTES) {
            if (segment.get(ValueLayout.JAVA_LONG_UNALIGNED, offset + i) != pattern(type)) {
                digit = 9;
            }
        }
        value = value * 10 + digit;
    }
}
