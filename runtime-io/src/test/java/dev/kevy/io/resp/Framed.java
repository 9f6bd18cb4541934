package dev.kevy.io.resp;

import java.util.List;

/**
 * Everything a stream of replies decoded into: each frame's bytes (one char per byte) and tag, in
 * order, then how the stream ended (an error with its offset in its frame, a frame still
 * incomplete, or nothing left).
 */
record Framed(List<String> frames, List<Integer> tags, RespReplyError error, long errorOffset, boolean incomplete) {

    /** A stream that ended cleanly after {@code frames}. */
    static Framed clean(List<String> frames, List<Integer> tags) {
        return new Framed(frames, tags, null, 0, false);
    }

    @Override
    public String toString() {
        return frames.size() + " frames " + (frames.size() <= 5 ? frames.toString().replace("\r\n", "\\r\\n") : "")
                + ", end: " + (error != null ? error + " at " + errorOffset : incomplete ? "incomplete" : "clean");
    }
}
