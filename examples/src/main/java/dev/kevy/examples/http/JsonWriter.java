package dev.kevy.examples.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal JSON encoder into a reusable byte array: objects, string members, strings. It exists
 * so that the {@code /json} route serializes its object on every request, as TechEmpower's rules
 * require, without a library and without allocating (the array grows only past its largest
 * document so far).
 *
 * <p>Strings are written as UTF-8 with the escapes RFC 8259 requires ({@code "}, {@code \},
 * control characters) and nothing else; a lone surrogate becomes U+FFFD. Commas between members
 * are placed automatically; nesting is the caller's to balance.
 */
final class JsonWriter {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private byte[] bytes;
    private int length;
    /** Whether the next member of the innermost object needs a comma before it. */
    private boolean needsComma;

    JsonWriter(int initialCapacity) {
        bytes = new byte[initialCapacity];
    }

    /** Starts a new document. */
    void reset() {
        length = 0;
        needsComma = false;
    }

    /** The encoded document: the first {@link #length()} bytes. */
    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    void beginObject() {
        put('{');
        needsComma = false;
    }

    void endObject() {
        put('}');
        needsComma = true;
    }

    /** A member {@code "name":"value"} of the current object. */
    void stringMember(String name, String value) {
        if (needsComma) {
            put(',');
        }
        string(name);
        put(':');
        string(value);
        needsComma = true;
    }

    /** A string value, quoted and escaped. */
    void string(String s) {
        put('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                put('\\');
                put(c);
            } else if (c < 0x20) {
                escapeControl(c);
            } else if (c < 0x80) {
                put(c);
            } else if (c < 0x800) {
                put(0xC0 | c >> 6);
                put(0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                put(0xF0 | cp >> 18);
                put(0x80 | cp >> 12 & 0x3F);
                put(0x80 | cp >> 6 & 0x3F);
                put(0x80 | cp & 0x3F);
            } else {
                char bmp = Character.isSurrogate(c) ? '\uFFFD' : c;
                put(0xE0 | bmp >> 12);
                put(0x80 | bmp >> 6 & 0x3F);
                put(0x80 | bmp & 0x3F);
            }
        }
        put('"');
    }

    private void escapeControl(char c) {
        put('\\');
        switch (c) {
            case '\n' -> put('n');
            case '\r' -> put('r');
            case '\t' -> put('t');
            case '\b' -> put('b');
            case '\f' -> put('f');
            default -> {
                put('u');
                put('0');
                put('0');
                put(HEX[c >> 4]);
                put(HEX[c & 0xF]);
            }
        }
    }

    private void put(int b) {
        if (length == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[length++] = (byte) b;
    }
}
