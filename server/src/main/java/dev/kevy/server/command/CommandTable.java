package dev.kevy.server.command;

import dev.kevy.io.codec.Request;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Finds a command's {@link CommandSpec} from its name argument without allocating: an
 * open-addressing table keyed by the name's first sixteen bytes, case-folded and read as two
 * words, and its length. Built once, read-only afterwards, so every shard may share it.
 *
 * <h2>Folding a word instead of each byte</h2>
 * Setting bit 5 of every byte ({@code | 0x20}) lower-cases ASCII letters and leaves them apart
 * from every other byte but their own capital: a name of letters only matches a request whose
 * folded words and length equal its own, with no byte compared. A name with any other byte (a
 * digit, {@code -}, {@code _}) or longer than sixteen bytes is confirmed by a case-insensitive
 * compare as well, since folding maps some other bytes onto its own.
 */
public final class CommandTable {
    /** Longest name looked up; longer arguments are no command. */
    private static final int MAX_NAME = 32;
    private static final long FOLD = 0x2020_2020_2020_2020L;
    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final CommandSpec[] slots;
    /** Per slot: its name's two folded words ({@code 2 * slot}, {@code 2 * slot + 1}). */
    private final long[] words;
    /** Per slot: its name's length, negative when a match must be confirmed byte by byte. */
    private final int[] lengths;
    private final CommandSpec[] all;
    private final CommandSpec[] byId;
    private final int mask;

    public CommandTable(CommandSpec... specs) {
        int size = Integer.highestOneBit(Math.max(16, specs.length * 4) - 1) << 1;
        this.slots = new CommandSpec[size];
        this.words = new long[size * 2];
        this.lengths = new int[size];
        this.mask = size - 1;
        this.all = specs.clone();
        int maxId = 0;
        for (CommandSpec spec : specs) {
            maxId = Math.max(maxId, spec.id());
        }
        this.byId = new CommandSpec[maxId + 1];
        for (CommandSpec spec : specs) {
            byId[spec.id()] = spec;
        }
        for (CommandSpec spec : specs) {
            byte[] n = spec.nameBytes();
            if (n.length == 0 || n.length > MAX_NAME) {
                throw new IllegalArgumentException("command name of " + n.length + " bytes: " + spec.name());
            }
            MemorySegment name = MemorySegment.ofArray(n);
            long first = folded(name, 0, n.length);
            long second = n.length > 8 ? folded(name, 8, n.length - 8) : 0;
            int i = slot(first, second, n.length);
            while (slots[i] != null) {
                if (slots[i].name().equals(spec.name())) {
                    throw new IllegalArgumentException("duplicate command " + spec.name());
                }
                i = (i + 1) & mask;
            }
            slots[i] = spec;
            words[2 * i] = first;
            words[2 * i + 1] = second;
            lengths[i] = lettersOnly(n) && n.length <= 16 ? n.length : -n.length;
        }
    }

    /** The spec of {@code command}'s name (argument 0), or {@code null} if there is no such command. */
    public CommandSpec lookup(Request command) {
        long length = command.length(0);
        if (length == 0 || length > MAX_NAME) {
            return null;
        }
        MemorySegment s = command.buffer();
        long offset = command.offset(0);
        long first = folded(s, offset, length);
        long second = length > 8 ? folded(s, offset + 8, length - 8) : 0;
        int i = slot(first, second, (int) length);
        while (true) {
            CommandSpec spec = slots[i];
            if (spec == null) {
                return null;
            }
            int own = lengths[i];
            if (words[2 * i] == first && words[2 * i + 1] == second) {
                if (own == length) {
                    return spec;
                }
                if (own == -length && command.equalsIgnoreCase(0, spec.nameBytes())) {
                    return spec;
                }
            }
            i = (i + 1) & mask;
        }
    }

    /** The spec with {@code id}, or {@code null}. */
    public CommandSpec byId(int id) {
        return id > 0 && id < byId.length ? byId[id] : null;
    }

    /** Every command, in table order (COMMAND, COMMAND COUNT). */
    public CommandSpec[] all() {
        return all.clone();
    }

    public int size() {
        return all.length;
    }

    /**
     * Up to eight bytes of {@code s} from {@code offset} ({@code length} of them, more are
     * ignored) with bit 5 of each set, as a little-endian word: one load where the segment has
     * eight bytes there (the bytes past the name are masked off), else byte by byte.
     */
    private static long folded(MemorySegment s, long offset, long length) {
        int n = (int) Math.min(length, 8);
        long mask = n == 8 ? -1L : (1L << (n * 8)) - 1;
        if (offset + 8 <= s.byteSize()) {
            return (s.get(WORD, offset) | FOLD) & mask;
        }
        long word = 0;
        for (int k = n - 1; k >= 0; k--) {
            word = (word << 8) | (s.get(ValueLayout.JAVA_BYTE, offset + k) & 0xFF);
        }
        return (word | FOLD) & mask;
    }

    private int slot(long first, long second, int length) {
        long h = (first ^ Long.rotateLeft(second, 29) ^ length) * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h >>> 32) & mask;
    }

    private static boolean lettersOnly(byte[] name) {
        for (byte b : name) {
            if ((b | 0x20) < 'a' || (b | 0x20) > 'z') {
                return false;
            }
        }
        return true;
    }
}
