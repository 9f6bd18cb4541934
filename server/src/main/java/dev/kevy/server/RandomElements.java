package dev.kevy.server;

import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Replies;
import dev.kevy.server.store.ElementSource;
import dev.kevy.server.store.Keyspace;

/**
 * The replies of HRANDFIELD and SRANDMEMBER with a count, as Redis defines them: a negative count
 * picks that many elements independently (repeats allowed); a count at least the size answers
 * every element; a smaller one answers that many distinct elements, uniformly chosen.
 *
 * <p>Distinct picks take one of two routes, as in Redis: when the count is over a third of the
 * size, one walk of the collection takes each element with the probability that keeps the
 * selection uniform; otherwise random picks are drawn and repeats skipped, remembered in an
 * open-addressing set of identities that is reused (it grows, never shrinks).
 */
final class RandomElements {
    private final RandomBits random;
    private final ElementWriter writer = new ElementWriter();
    private long[] picked = new long[64];
    private int pickedMask;

    RandomElements(RandomBits random) {
        this.random = random;
    }

    /**
     * The reply of HRANDFIELD or SRANDMEMBER once its count is checked: {@code entry} is what
     * {@code find} answered (a handle, ABSENT or WRONG_TYPE); without a count, one element or nil.
     * {@code what} is {@link ElementWriter#FIELDS}, or the pairs' form (with its NESTED and SCORES bits).
     */
    void reply(ElementSource source, long entry, boolean withCount, long count, int what, OutputBuffer out) {
        if (entry == Keyspace.WRONG_TYPE) {
            out.writeBytes(Replies.WRONG_TYPE);
        } else if (!withCount) {
            if (entry < 0) {
                RespWriter.nullBulk(out);
            } else {
                writeOne(source, entry, out);
            }
        } else if (entry < 0 || count == 0) {
            RespWriter.emptyArray(out);
        } else {
            write(source, entry, count, what, out);
        }
    }

    /** Writes the reply for {@code count} elements of a non-empty collection {@code entry}. */
    void write(ElementSource source, long entry, long count, int what, OutputBuffer out) {
        int size = source.count(entry);
        int width = ElementWriter.width(what, out);
        writer.start(out, what, null, 0);
        if (count < 0) {
            RespWriter.arrayHeader(out, -count * width);
            for (long i = 0; i < -count; i++) {
                source.visit(source.random(entry, random.next()), writer);
            }
        } else if (count >= size) {
            RespWriter.arrayHeader(out, (long) size * width);
            source.forEach(entry, writer);
        } else if (count * 3 > size) {
            RespWriter.arrayHeader(out, count * width);
            source.forEach(entry, writer.sample(count, size, random));
        } else {
            RespWriter.arrayHeader(out, count * width);
            clearPicked((int) count);
            for (long found = 0; found < count; ) {
                long identity = source.random(entry, random.next());
                if (pick(identity)) {
                    source.visit(identity, writer);
                    found++;
                }
            }
        }
    }

    /** One element of a non-empty collection, without a count (HRANDFIELD key, SRANDMEMBER key). */
    void writeOne(ElementSource source, long entry, OutputBuffer out) {
        source.visit(source.random(entry, random.next()), writer.start(out, ElementWriter.FIELDS, null, 0));
    }

    private void clearPicked(int count) {
        int capacity = Integer.highestOneBit(Math.max(32, count * 2) - 1) << 1;
        if (picked.length < capacity) {
            picked = new long[capacity];
        } else {
            java.util.Arrays.fill(picked, 0, Math.min(picked.length, capacity), 0L);
        }
        pickedMask = capacity - 1;
    }

    /** Adds an identity (never 0) to the picked set; false when it was there already. */
    private boolean pick(long identity) {
        int slot = (int) (identity * 0x9E37_79B9_7F4A_7C15L >>> 40) & pickedMask;
        for (;; slot = (slot + 1) & pickedMask) {
            long occupant = picked[slot];
            if (occupant == identity) {
                return false;
            }
            if (occupant == 0) {
                picked[slot] = identity;
                return true;
            }
        }
    }
}
