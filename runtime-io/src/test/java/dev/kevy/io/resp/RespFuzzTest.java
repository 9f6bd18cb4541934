package dev.kevy.io.resp;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kevy.rt.buffer.BufferPool;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Random valid streams must parse back to exactly what was encoded; random corruptions of them
 * must never throw, must parse the same whatever the read sizes, and must leave every command
 * before the first corrupted byte intact.
 *
 * <p>{@code -Dkevy.fuzz.iterations=N} runs N streams per test (default 400) for longer campaigns;
 * {@code -Dkevy.fuzz.seed=S} replays one.
 */
class RespFuzzTest {
    private static final int ITERATIONS = Integer.getInteger("kevy.fuzz.iterations", 400);
    private static final long SEED = Long.getLong("kevy.fuzz.seed", System.nanoTime());
    private static final byte[] INTERESTING = "*$\r\n\"'\\- 09x\u0000+".getBytes(ISO_8859_1);

    private final RespParser parser = new RespParser(RespLimits.DEFAULTS.withMaxInlineLength(4096));
    private final BufferPool pool = new BufferPool(256, 64 * 1024, 64 * 1024);

    @AfterEach
    void poolIsBackToBaseline() {
        assertEquals(0, pool.blocksOut());
        pool.close();
    }

    /** A stream of commands, what each parses to, and where each ends in the stream. */
    private record Stream(byte[] bytes, List<List<String>> commands, List<Integer> ends) {
    }

    @Test
    void randomValidStreamsParseBackToWhatWasEncoded() {
        Random random = new Random(SEED);
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            Stream stream = randomStream(random);
            String context = "seed " + SEED + " iteration " + iteration;
            Outcome whole = Feeder.whole(parser, stream.bytes(), false);
            assertEquals(stream.commands(), whole.commands(), context);
            assertNull(whole.error(), context);
            assertFalse(whole.incomplete(), context);
            Outcome inReads = Feeder.inReads(parser, pool, stream.bytes(), false,
                    Feeder.ReadSizes.random(random, 1 + random.nextInt(600)));
            assertEquals(whole, inReads, context);
        }
    }

    @Test
    void corruptedStreamsNeverThrowAndParseTheSameWhateverTheReadSizes() {
        Random random = new Random(SEED + 1);
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            Stream stream = randomStream(random);
            ByteArrayOutputStream corrupted = new ByteArrayOutputStream();
            int firstChange = corrupt(stream.bytes(), random, corrupted);
            byte[] bytes = corrupted.toByteArray();
            boolean auth = random.nextInt(4) == 0;
            String context = "seed " + (SEED + 1) + " iteration " + iteration;

            Outcome whole = Feeder.whole(parser, bytes, auth);
            for (int c = 0; c < stream.commands().size() && stream.ends().get(c) <= firstChange; c++) {
                if (auth && stream.commands().get(c).size() > 10) {
                    break; // the pre-authentication limits may end the stream here
                }
                assertEquals(stream.commands().get(c), whole.commands().get(c), context + " command " + c);
            }
            assertEquals(whole, Feeder.inReads(parser, pool, bytes, auth, Feeder.ReadSizes.fixed(1)), context);
            assertEquals(whole, Feeder.inReads(parser, pool, bytes, auth,
                    Feeder.ReadSizes.random(random, 1 + random.nextInt(300))), context);
        }
    }

    private static Stream randomStream(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<List<String>> commands = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        int count = 1 + random.nextInt(12);
        for (int c = 0; c < count; c++) {
            switch (random.nextInt(5)) {
                case 0 -> out.writeBytes(random.nextBoolean() ? "*0\r\n".getBytes(ISO_8859_1) : "\r\n".getBytes(ISO_8859_1));
                case 1, 2 -> commands.add(multibulk(random, out));
                default -> commands.add(inline(random, out));
            }
            ends.add(out.size());
            if (ends.size() > commands.size()) {
                ends.removeLast(); // a skipped empty command has no entry of its own
            }
        }
        return new Stream(out.toByteArray(), commands, ends);
    }

    private static List<String> multibulk(Random random, ByteArrayOutputStream out) {
        int argc = 1 + random.nextInt(random.nextInt(8) == 0 ? 40 : 5);
        List<String> args = new ArrayList<>();
        out.writeBytes(("*" + argc + "\r\n").getBytes(ISO_8859_1));
        for (int i = 0; i < argc; i++) {
            int length = random.nextInt(10) == 0 ? random.nextInt(3000) : random.nextInt(20);
            byte[] arg = new byte[length];
            for (int k = 0; k < length; k++) {
                arg[k] = random.nextInt(4) == 0 ? INTERESTING[random.nextInt(INTERESTING.length)] : (byte) random.nextInt(256);
            }
            out.writeBytes(("$" + length + "\r\n").getBytes(ISO_8859_1));
            out.writeBytes(arg);
            out.writeBytes("\r\n".getBytes(ISO_8859_1));
            args.add(new String(arg, ISO_8859_1));
        }
        return args;
    }

    /** An inline line of plain, double-quoted and single-quoted words (never empty ones). */
    private static List<String> inline(Random random, ByteArrayOutputStream out) {
        int argc = 1 + random.nextInt(6);
        List<String> args = new ArrayList<>();
        StringBuilder line = new StringBuilder(random.nextBoolean() ? "" : "  ");
        for (int i = 0; i < argc; i++) {
            StringBuilder word = new StringBuilder();
            int length = 1 + random.nextInt(12);
            int style = random.nextInt(3);
            StringBuilder encoded = new StringBuilder(style == 1 ? "\"" : style == 2 ? "'" : "");
            for (int k = 0; k < length; k++) {
                char c;
                if (style == 1) {
                    c = (char) (1 + random.nextInt(255));
                    encoded.append(c == '"' || c == '\\' ? "\\" + c
                            : c < 0x20 || c > 0x7e ? String.format("\\x%02x", (int) c) : String.valueOf(c));
                } else if (style == 2) {
                    // A backslash before the closing quote would escape it, so none are generated.
                    c = (char) (0x20 + random.nextInt(0x5f));
                    c = c == '\\' ? 'b' : c;
                    encoded.append(c == '\'' ? "\\'" : String.valueOf(c));
                } else {
                    c = (char) ('!' + random.nextInt(0x5e));
                    if (c == '"' || c == '\'' || (c == '*' && i == 0 && k == 0 && line.isEmpty())) {
                        c = 'q'; // a line starting with '*' would be a multibulk
                    }
                    encoded.append(c);
                }
                word.append(c);
            }
            encoded.append(style == 1 ? "\"" : style == 2 ? "'" : "");
            line.append(encoded).append(random.nextBoolean() ? " " : " \t ");
            args.add(word.toString());
        }
        line.append(random.nextBoolean() ? "\r\n" : "\n");
        out.writeBytes(line.toString().getBytes(ISO_8859_1));
        return args;
    }

    /** Writes a corrupted copy of {@code bytes} to {@code out}; returns the first changed offset. */
    private static int corrupt(byte[] bytes, Random random, ByteArrayOutputStream out) {
        byte[] data = bytes.clone();
        int at = random.nextInt(Math.max(1, data.length));
        switch (random.nextInt(5)) {
            case 0 -> {
                data[Math.min(at, data.length - 1)] = random.nextBoolean()
                        ? INTERESTING[random.nextInt(INTERESTING.length)] : (byte) random.nextInt(256);
                out.writeBytes(data);
            }
            case 1 -> {
                out.write(data, 0, at);
                int length = 1 + random.nextInt(8);
                for (int i = 0; i < length; i++) {
                    out.write(INTERESTING[random.nextInt(INTERESTING.length)]);
                }
                out.write(data, at, data.length - at);
            }
            case 2 -> {
                int length = Math.min(1 + random.nextInt(20), data.length - at);
                out.write(data, 0, at);
                out.write(data, at + length, data.length - at - length);
            }
            case 3 -> out.write(data, 0, at);
            default -> {
                out.write(data, 0, at);
                out.writeBytes("9".repeat(1 + random.nextInt(12)).getBytes(ISO_8859_1));
                out.write(data, at, data.length - at);
            }
        }
        return at;
    }
}
