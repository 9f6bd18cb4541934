package dev.kevy.examples.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.util.Locale;

/**
 * A raw HTTP/1.1 client over one socket: sends bytes exactly as given and reads responses by
 * their {@code Content-Length}, so tests see the server's bytes unaltered. Every read times out
 * after 10 s, so a missing response fails a test instead of hanging it.
 */
final class HttpTestClient implements AutoCloseable {
    private static final String DATE_PATTERN = "Date: [A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT";

    /** The last four bytes of a head, as an int. */
    private static final int CRLF_CRLF = '\r' << 24 | '\n' << 16 | '\r' << 8 | '\n';

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    HttpTestClient(int port) {
        try {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The response with its {@code Date} value replaced by {@code <date>}, after checking its form. */
    static String masked(String response) {
        if (!response.matches("(?s).*\r\n" + DATE_PATTERN + "\r\n.*")) {
            throw new AssertionError("no IMF-fixdate Date header in " + response);
        }
        return response.replaceFirst(DATE_PATTERN, "Date: <date>");
    }

    HttpTestClient send(String text) {
        return send(text.getBytes(ISO_8859_1));
    }

    HttpTestClient send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One whole response (head and {@code Content-Length} body), one char per byte. */
    String response() {
        return response(false);
    }

    /** One response to a HEAD request: its head only, whatever its {@code Content-Length} says. */
    String headResponse() {
        return response(true);
    }

    private String response(boolean headOnly) {
        try {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int last4 = 0;
            while (last4 != CRLF_CRLF) {
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError("connection closed after " + head.size() + " bytes of a head: "
                            + head.toString(ISO_8859_1));
                }
                head.write(b);
                last4 = last4 << 8 | b;
            }
            String text = head.toString(ISO_8859_1);
            int length = headOnly ? 0 : contentLength(text);
            return text + new String(in.readNBytes(length), ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the server closed the connection: the next read sees its end, not data. */
    boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (SocketException e) {
            return true; // a reset: closed with our unread bytes in its buffer
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        throw new AssertionError("no Content-Length in " + head);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
