package dev.kevy.server.persist;

import java.util.Arrays;

/**
 * Redis's {@code save} setting: pairs of {@code seconds changes}, "snapshot when at least
 * {@code changes} writes happened and {@code seconds} passed since the last snapshot"; empty turns
 * scheduled snapshots off. Immutable; a CONFIG SET replaces it whole.
 */
public final class SaveRules {
    /** No scheduled snapshots: kevy's default (see docs/SERVER.md "Persistence"). */
    public static final SaveRules NONE = new SaveRules(new long[0]);

    private final long[] pairs;

    private SaveRules(long[] pairs) {
        this.pairs = pairs;
    }

    /**
     * Parses {@code "3600 1 300 100"} (or {@code ""}, none). Throws IllegalArgumentException with
     * Redis's complaint for an odd count, a value that is not an integer, seconds under 1 or
     * changes under 0.
     */
    public static SaveRules parse(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return NONE;
        }
        String[] words = t.split("\\s+");
        if (words.length % 2 != 0) {
            throw new IllegalArgumentException("Invalid save parameters");
        }
        long[] pairs = new long[words.length];
        for (int i = 0; i < words.length; i++) {
            long v;
            try {
                v = Long.parseLong(words[i]); // strtoll's forms: an optional sign, digits
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Invalid save parameters");
            }
            if (v < (i % 2 == 0 ? 1 : 0)) {
                throw new IllegalArgumentException("Invalid save parameters");
            }
            pairs[i] = v;
        }
        return new SaveRules(pairs);
    }

    public boolean isEmpty() {
        return pairs.length == 0;
    }

    /**
     * Whether a rule asks for a snapshot now: {@code changes} writes since the last snapshot,
     * {@code elapsedMillis} since it ended. As Redis: at least the rule's changes (a rule of 0
     * changes saves on time alone) and more than its seconds.
     */
    public boolean due(long changes, long elapsedMillis) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (elapsedMillis > pairs[i] * 1000 && changes >= pairs[i + 1]) {
                return true;
            }
        }
        return false;
    }

    /** As CONFIG GET shows it: {@code "3600 1 300 100"}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (long p : pairs) {
            b.append(b.isEmpty() ? "" : " ").append(p);
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SaveRules r && Arrays.equals(pairs, r.pairs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(pairs);
    }
}
