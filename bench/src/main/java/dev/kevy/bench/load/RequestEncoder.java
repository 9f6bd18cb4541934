package dev.kevy.bench.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes GET and SET requests as RESP arrays from templates encoded once.
 *
 * <p>Keys have a fixed width, {@code key:} followed by twelve decimal digits (the same shape as
 * redis-benchmark's {@code key:__rand_int__}), so every GET has the same length, every SET has the
 * same length, and writing a request is one bulk copy plus twelve digit patches: the generator's
 * per-request cost stays far below the server's.
 */
final class RequestEncoder {

    /** Decimal digits in a key after the {@code key:} prefix. */
    static final int KEY_DIGITS = 12;
    private static final String KEY_PREFIX = "key:";
    private static final int KEY_LENGTH = KEY_PREFIX.length() + KEY_DIGITS;

    private final byte[] get;
    private final byte[] set;
    private final int getDigits;
    private final int setDigits;

    /** Builds the templates; every SET carries {@code valueSize} bytes of {@code 'x'}. */
    RequestEncoder(int valueSize) {
        String keyHeader = "$" + KEY_LENGTH + "\r\n" + KEY_PREFIX;
        String getHead = "*2\r\n$3\r\nGET\r\n" + keyHeader;
        String setHead = "*3\r\n$3\r\nSET\r\n" + keyHeader;
        String zeros = "0".repeat(KEY_DIGITS);
        get = ascii(getHead + zeros + "\r\n");
        set = ascii(setHead + zeros + "\r\n$" + valueSize + "\r\n" + "x".repeat(valueSize) + "\r\n");
        getDigits = getHead.length();
        setDigits = setHead.length();
    }

    /** Bytes of one GET request. */
    int getSize() {
        return get.length;
    }

    /** Bytes of one SET request. */
    int setSize() {
        return set.length;
    }

    /** Appends {@code GET key:<key>}; the caller checks that {@link #getSize()} bytes fit. */
    void putGet(ByteBuffer out, long key) {
        int at = out.position();
        out.put(get);
        patchKey(out, at + getDigits, key);
    }

    /** Appends {@code SET key:<key> <value>}; the caller checks that {@link #setSize()} bytes fit. */
    void putSet(ByteBuffer out, long key) {
        int at = out.position();
        out.put(set);
        patchKey(out, at + setDigits, key);
    }

    /** The key text for an index, as the server stores it (for tests and diagnostics). */
    static String keyName(long key) {
        return KEY_PREFIX + String.format("%0" + KEY_DIGITS + "d", key);
    }

    private static void patchKey(ByteBuffer out, int digitsAt, long key) {
        long rest = key;
        for (int i = digitsAt + KEY_DIGITS - 1; i >= digitsAt; i--) {
            out.put(i, (byte) ('0' + (int) (rest % 10)));
            rest /= 10;
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
