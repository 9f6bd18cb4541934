package dev.kevy.server;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Redis's glob matching (KEYS, SCAN MATCH, CONFIG GET): {@code *}, {@code ?}, {@code [abc]},
 * {@code [^a-z]}, and {@code \} to escape. Iterative with one backtrack point for the last
 * {@code *}, so no recursion and no allocation whatever the pattern.
 */
public final class Glob {

    private Glob() {
    }

    /**
     * Whether {@code string} matches {@code pattern}, both given as byte ranges. As in Redis, an
     * empty string matches only the empty pattern and {@code *} (which KEYS and SCAN treat as
     * "everything" before matching); Redis's matcher never lets {@code **} match nothing at all.
     */
    public static boolean matches(MemorySegment pat, long pOff, long pLen, MemorySegment str, long sOff, long sLen,
                                  boolean noCase) {
        if (sLen == 0) {
            return pLen == 0 || (pLen == 1 && at(pat, pOff) == '*');
        }
        long p = 0;
        long s = 0;
        long starP = -1;
        long starS = -1;
        while (s < sLen) {
            if (p < pLen) {
                byte pc = at(pat, pOff + p);
                if (pc == '*') {
                    while (p + 1 < pLen && at(pat, pOff + p + 1) == '*') {
                        p++;
                    }
                    starP = p++;
                    starS = s;
                    continue;
                }
                long next = matchOne(pat, pOff, pLen, p, at(str, sOff + s), noCase);
                if (next >= 0) {
                    p = next;
                    s++;
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            p = starP + 1; // let the last star swallow one more byte and retry
            s = ++starS;
        }
        while (p < pLen && at(pat, pOff + p) == '*') {
            p++;
        }
        return p == pLen;
    }

    /** Whether the element at {@code p} matches byte {@code c}: the pattern index after it, or -1. */
    private static long matchOne(MemorySegment pat, long pOff, long pLen, long p, byte c, boolean noCase) {
        byte pc = at(pat, pOff + p);
        if (pc == '?') {
            return p + 1;
        }
        if (pc == '[') {
            return matchClass(pat, pOff, pLen, p + 1, c, noCase);
        }
        if (pc == '\\' && p + 1 < pLen) {
            p++;
            pc = at(pat, pOff + p);
        }
        return same(pc, c, noCase) ? p + 1 : -1;
    }

    private static long matchClass(MemorySegment pat, long pOff, long pLen, long p, byte c, boolean noCase) {
        boolean not = p < pLen && at(pat, pOff + p) == '^';
        if (not) {
            p++;
        }
        boolean match = false;
        while (p < pLen && at(pat, pOff + p) != ']') {
            byte x = at(pat, pOff + p);
            if (x == '\\' && p + 1 < pLen) {
                p++;
                match |= same(at(pat, pOff + p), c, noCase);
            } else if (p + 2 < pLen && at(pat, pOff + p + 1) == '-') {
                int lo = lower(x, noCase);
                int hi = lower(at(pat, pOff + p + 2), noCase);
                if (lo > hi) {
                    int t = lo;
                    lo = hi;
                    hi = t;
                }
                int v = lower(c, noCase);
                match |= v >= lo && v <= hi;
                p += 2;
            } else {
                match |= same(x, c, noCase);
            }
            p++;
        }
        // Redis treats a class missing its ']' as ending at the pattern's end.
        long after = p < pLen ? p + 1 : p;
        return match != not ? after : -1;
    }

    private static boolean same(byte a, byte b, boolean noCase) {
        return a == b || (noCase && lower(a, true) == lower(b, true));
    }

    private static int lower(byte b, boolean noCase) {
        int v = b & 0xFF;
        return noCase && v >= 'A' && v <= 'Z' ? v + ('a' - 'A') : v;
    }

    private static byte at(MemorySegment s, long i) {
        return s.get(ValueLayout.JAVA_BYTE, i);
    }
}
