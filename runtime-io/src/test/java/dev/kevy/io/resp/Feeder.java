package dev.kevy.io.resp;

import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.InputBuffer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Parses a byte stream the way a connection will: reads of given sizes into an InputBuffer. */
final class Feeder {
    private Feeder() {
    }

    /** The reference: every byte present at once, in a plain segment. */
    static Outcome whole(RespParser parser, byte[] data, boolean authRequired) {
        MemorySegment buf = MemorySegment.ofArray(data.clone());
        RespParseState state = new RespParseState();
        state.setAuthRequired(authRequired);
        List<List<String>> commands = new ArrayList<>();
        long start = 0;
        while (true) {
            int r = parser.parse(buf, start, data.length, state);
            start += parser.consumed();
            if (r == RespParser.COMMAND) {
                commands.add(Outcome.args(parser.command()));
            } else if (r == RespParser.ERROR) {
                return new Outcome(commands, parser.error(), parser.errorByte(), false);
            } else {
                return new Outcome(commands, null, 0, state.inCommand());
            }
        }
    }

    /**
     * Delivers {@code data} in reads whose sizes {@code sizes} chooses (at most what the buffer
     * has room for), parsing after each read as the shard loop will.
     */
    static Outcome inReads(RespParser parser, BufferPool pool, byte[] data, boolean authRequired, ReadSizes sizes) {
        InputBuffer in = new InputBuffer(pool, 64L << 20);
        RespParseState state = new RespParseState();
        state.setAuthRequired(authRequired);
        List<List<String>> commands = new ArrayList<>();
        int fed = 0;
        try {
            while (true) {
                int r = parser.parse(in.segment(), in.readIndex(), in.writeIndex(), state);
                if (r == RespParser.ERROR) {
                    return new Outcome(commands, parser.error(), parser.errorByte(), false);
                }
                if (r == RespParser.COMMAND) {
                    commands.add(Outcome.args(parser.command()));
                    in.consume(parser.consumed());
                    continue;
                }
                in.consume(parser.consumed());
                if (fed == data.length) {
                    return new Outcome(commands, null, 0, state.inCommand());
                }
                long free = in.prepareRead(state.pendingCommandBytes());
                if (free == 0) {
                    throw new AssertionError("input buffer limit reached");
                }
                int n = (int) Math.min(Math.min(free, data.length - fed), Math.max(1, sizes.next()));
                MemorySegment.copy(data, fed, in.segment(), ValueLayout.JAVA_BYTE, in.writeIndex(), n);
                in.advanceWriteIndex(n);
                fed += n;
            }
        } finally {
            in.release();
        }
    }

    /** The size of each next read. */
    @FunctionalInterface
    interface ReadSizes {
        int next();

        static ReadSizes fixed(int size) {
            return () -> size;
        }

        static ReadSizes random(Random random, int max) {
            return () -> 1 + random.nextInt(max);
        }
    }
}
