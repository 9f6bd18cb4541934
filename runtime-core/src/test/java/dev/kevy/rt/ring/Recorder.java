package dev.kevy.rt.ring;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/** A test handler that keeps a copy of every record it receives. */
public class Recorder implements RecordHandler {
    /** One received record: its type, a copy of its bytes, and whether it came as a block. */
    public record Received(int type, byte[] bytes, boolean block, Arena owner) {
    }

    public final List<Received> received = new ArrayList<>();

    /** An empty recorder. */
    public Recorder() {
    }

    @Override
    public void onRecord(int type, MemorySegment segment, long offset, int length) {
        received.add(new Received(type, segment.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE), false, null));
    }

    @Override
    public void onBlock(int type, MemorySegment block, Arena owner) {
        received.add(new Received(type, block.toArray(ValueLayout.JAVA_BYTE), true, owner));
    }
}
