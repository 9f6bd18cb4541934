package dev.kevy.io;

import dev.kevy.rt.buffer.OutputBuffer;
import java.lang.foreign.MemorySegment;

/**
 * Combines the replies of a fanned-out command's parts into its one reply. Implementations are
 * stateless singletons (RESP's are in {@code dev.kevy.io.resp.RespReducers}); the parts are
 * complete replies, in the listener's protocol, in part order.
 */
@FunctionalInterface
public interface Reducer {

    /** The parts' replies, read in place during {@link #reduce}. */
    interface Parts {
        /** Number of parts. */
        int count();

        /** The memory holding every part. */
        MemorySegment segment();

        /** Where part {@code i}'s reply starts in {@link #segment()}. */
        long offset(int i);

        /** Length of part {@code i}'s reply. */
        long length(int i);
    }

    /** Writes the combined reply. */
    void reduce(Parts parts, OutputBuffer reply);
}
