package dev.kevy.io.engine;

import java.util.Arrays;

/**
 * The completions one {@link IoEngine#await} returns: token, kind, result and the accepted
 * peer's locality, as parallel arrays grown by doubling (both engines).
 */
final class Completions {

    private long[] tokens = new long[256];
    private int[] kinds = new int[256];
    private long[] results = new long[256];
    private boolean[] peerLocal = new boolean[256];
    private int size;

    void add(long token, int kind, long result) {
        add(token, kind, result, false);
    }

    void add(long token, int kind, long result, boolean local) {
        if (size == tokens.length) {
            int n = size * 2;
            tokens = Arrays.copyOf(tokens, n);
            kinds = Arrays.copyOf(kinds, n);
            results = Arrays.copyOf(results, n);
            peerLocal = Arrays.copyOf(peerLocal, n);
        }
        tokens[size] = token;
        kinds[size] = kind;
        results[size] = result;
        peerLocal[size] = local;
        size++;
    }

    /** For an {@link IoEngine#ACCEPTED} completion added with it: whether the peer is the local host. */
    boolean peerLocal(int i) {
        return peerLocal[i];
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
