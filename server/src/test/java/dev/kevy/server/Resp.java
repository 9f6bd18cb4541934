package dev.kevy.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Hand-written RESP for tests: requests as multibulk bytes, expected replies as exact bytes. */
final class Resp {

    private Resp() {
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** One command as a RESP array of bulk strings. */
    static byte[] command(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        appendCommand(out, args);
        return out.toByteArray();
    }

    static void appendCommand(ByteArrayOutputStream out, String... args) {
        out.writeBytes(bytes("*" + args.length + "\r\n"));
        for (String a : args) {
            byte[] b = bytes(a);
            out.writeBytes(bytes("$" + b.length + "\r\n"));
            out.writeBytes(b);
            out.writeBytes(bytes("\r\n"));
        }
    }

    static byte[] ok() {
        return bytes("+OK\r\n");
    }

    static byte[] pong() {
        return bytes("+PONG\r\n");
    }

    static byte[] nil() {
        return bytes("$-1\r\n");
    }

    static byte[] integer(long n) {
        return bytes(":" + n + "\r\n");
    }

    static byte[] bulk(String s) {
        return bytes("$" + s.length() + "\r\n" + s + "\r\n");
    }

    static byte[] error(String text) {
        return bytes("-" + text + "\r\n");
    }

    /** An array of already-encoded elements. */
    static byte[] array(byte[]... elements) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes("*" + elements.length + "\r\n"));
        for (byte[] e : elements) {
            out.writeBytes(e);
        }
        return out.toByteArray();
    }

    /** Bytes of several encoded replies (or requests) back to back. */
    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
