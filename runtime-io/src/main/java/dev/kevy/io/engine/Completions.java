package dev.kevy.io.engine;

import java.util.Arrays;

/** The completions one {@link IoEngine#await} returns: token, kind and result, as parallel arrays. */
final class Completions {

    private long[] tokens = new long[256];
    private int[] kinds = new int[256];
    private long[] results = new long[256];
    private int size;

    void add(long token, int kind, long result) {
        if (size == tokens.length) {
            int n = size * 2;
            tokens = Arrays.copyOf(tokens, n);
            kinds = Arrays.copyOf(kinds, n);
            results = Arrays.copyOf(results, n);
        }
        tokens[size] = token;
        kinds[size] = kind;
        results[size] = result;
        size++;
    }

    long token(int i) {
        return tokens[i];
    }

    int kind(int i) {
        return kinds[i];
    }

    long result(int i) {
        return results[i];
    }

    void setResult(int i, long result) {
        results[i] = result;
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }
}
