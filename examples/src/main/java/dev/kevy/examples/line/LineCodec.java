package dev.kevy.examples.line;

import dev.kevy.io.codec.Codec;
import dev.kevy.io.codec.Decoder;
import dev.kevy.io.codec.Request;
import dev.kevy.rt.buffer.OutputBuffer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * Newline-delimited requests: each request is one line ending in LF, with one CR before the LF
 * dropped if present. Every other byte is data: spaces (single, double, leading, trailing), NUL,
 * a leading {@code *}, any byte 0x00-0xFF. Nothing is trimmed, unquoted or split beyond the rule
 * below, so what a client sends is what the handler sees.
 *
 * <h2>Fields</h2>
 * <pre>
 *   line "VERB rest of  the line"  ->  field 0 ({@link #VERB}) = "VERB"
 *                                      field 1 ({@link #TEXT}) = "rest of  the line"
 *   line "VERB"                    ->  field 0 = "VERB"             (argc 1)
 *   line "VERB "                   ->  field 0 = "VERB", field 1 = "" (argc 2)
 *   line ""                        ->  field 0 = ""                 (argc 1)
 * </pre>
 * The line is split at its first space only: the verb is everything before it, the text
 * everything after it, double spaces and all. A line without a space is all verb, so a request
 * always has a field 0 and a handler never meets an empty field list.
 *
 * <h2>Limit</h2>
 * A line may hold at most {@code maxLineLength} bytes before its LF (a trailing CR counts). A
 * longer one is refused as soon as that many bytes arrived without an LF, not once it ended, so
 * a client that never sends LF cannot make the server buffer more: the answer is
 * {@code ERR line too long}, then the connection closes (nothing after the line could be framed
 * reliably; the rest of the overlong line is still on its way).
 */
public final class LineCodec implements Codec {
    /** Field index of the verb: the line up to its first space. */
    public static final int VERB = 0;
    /** Field index of the text after the first space (present only when the line has a space). */
    public static final int TEXT = 1;
    /** Default line limit: 64 KiB, Redis's limit for inline commands. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 64 * 1024;

    private static final byte[] LINE_TOO_LONG = ascii("ERR line too long\n");

    private final int maxLineLength;

    /** Lines of up to {@link #DEFAULT_MAX_LINE_LENGTH} bytes. */
    public LineCodec() {
        this(DEFAULT_MAX_LINE_LENGTH);
    }

    /** Lines of up to {@code maxLineLength} bytes before the LF. */
    public LineCodec(int maxLineLength) {
        if (maxLineLength < 1) {
            throw new IllegalArgumentException("maxLineLength must be >= 1: " + maxLineLength);
        }
        this.maxLineLength = maxLineLength;
    }

    /** The most bytes a line may hold before its LF. */
    public int maxLineLength() {
        return maxLineLength;
    }

    @Override
    public String name() {
        return "line";
    }

    @Override
    public Decoder newDecoder() {
        return new LineDecoder(maxLineLength);
    }

    /**
     * {@code ERR message}: one line, so the client stays in step and the connection stays open.
     * CR and LF in the message become spaces; otherwise they would end the line early.
     */
    @Override
    public void writeInternalError(OutputBuffer out, String message) {
        out.writeAscii("ERR ");
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            out.writeByte(c == '\n' || c == '\r' ? ' ' : c < 0x80 ? c : '?');
        }
        out.writeByte('\n');
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** One connection's progress through a line. */
    private static final class LineDecoder implements Decoder {
        private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;

        private final int maxLineLength;
        /**
         * Bytes at the start of the line in progress already searched for LF: a line arriving in
         * many reads is searched once, not once per read. Relative to the line's first byte, as
         * the buffer may move between calls.
         */
        private long searched;
        private long consumed;

        LineDecoder(int maxLineLength) {
            this.maxLineLength = maxLineLength;
        }

        @Override
        public int decode(MemorySegment in, long from, long to, Request request) {
            consumed = 0;
            // An LF at from + maxLineLength still ends a line of exactly maxLineLength bytes.
            long window = Math.min(to, from + maxLineLength + 1);
            for (long i = from + searched; i < window; i++) {
                if (in.get(BYTE, i) == '\n') {
                    searched = 0;
                    consumed = i + 1 - from;
                    long end = i > from && in.get(BYTE, i - 1) == '\r' ? i - 1 : i;
                    split(in, from, end, request);
                    return REQUEST;
                }
            }
            searched = window - from;
            return to - from > maxLineLength ? ERROR : NEED_MORE;
        }

        private static void split(MemorySegment in, long from, long end, Request request) {
            request.clear();
            for (long i = from; i < end; i++) {
                if (in.get(BYTE, i) == ' ') {
                    request.field(VERB, from, i - from);
                    request.field(TEXT, i + 1, end - i - 1);
                    request.complete(in, 2);
                    return;
                }
            }
            request.field(VERB, from, end - from);
            request.complete(in, 1);
        }

        @Override
        public long consumed() {
            return consumed;
        }

        @Override
        public void reset(boolean authRequired) {
            searched = 0;
            consumed = 0;
        }

        /** The only error is an overlong line; its tail is still coming, so the stream is lost. */
        @Override
        public boolean writeError(OutputBuffer out) {
            out.writeBytes(LINE_TOO_LONG);
            return true;
        }
    }
}
