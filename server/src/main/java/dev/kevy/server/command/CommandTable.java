package dev.kevy.server.command;

import dev.kevy.io.codec.Request;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Finds a command's {@link CommandSpec} from its name argument without allocating: an
 * open-addressing table keyed by a case-folded hash of the name, confirmed by a case-insensitive
 * compare. Built once, read-only afterwards, so every shard may share it.
 */
public final class CommandTable {

    private final CommandSpec[] slots;
    private final CommandSpec[] all;
    private final CommandSpec[] byId;
    private final int mask;

    public CommandTable(CommandSpec... specs) {
        int size = Integer.highestOneBit(Math.max(16, specs.length * 4) - 1) << 1;
        this.slots = new CommandSpec[size];
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
            int i = hash(MemorySegment.ofArray(n), 0, n.length) & mask;
            while (slots[i] != null) {
                if (slots[i].name().equals(spec.name())) {
                    throw new IllegalArgumentException("duplicate command " + spec.name());
                }
                i = (i + 1) & mask;
            }
            slots[i] = spec;
        }
    }

    /** The spec of {@code command}'s name (argument 0), or {@code null} if there is no such command. */
    public CommandSpec lookup(Request command) {
        long length = command.length(0);
        if (length == 0 || length > 32) {
            return null;
        }
        int i = hash(command.buffer(), command.offset(0), length) & mask;
        while (true) {
            CommandSpec spec = slots[i];
            if (spec == null) {
                return null;
            }
            if (spec.nameBytes().length == length && command.equalsIgnoreCase(0, spec.nameBytes())) {
                return spec;
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

    /** FNV-1a over the ASCII-lower-cased bytes. */
    private static int hash(MemorySegment s, long offset, long length) {
        int h = 0x811C9DC5;
        for (long i = 0; i < length; i++) {
            int b = s.get(ValueLayout.JAVA_BYTE, offset + i);
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            h = (h ^ (b & 0xFF)) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }
}
