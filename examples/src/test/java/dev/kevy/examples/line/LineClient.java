package dev.kevy.examples.line;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A blocking line-service client for tests; text is ISO-8859-1, one char per byte. */
final class LineClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    LineClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(30_000);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    }

    /** Sends one line and returns the reply line without its LF. */
    String call(String line) throws IOException {
        send(line + "\n");
        String reply = readLines(1);
        return reply.substring(0, reply.length() - 1);
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads exactly {@code lines} LF-terminated lines (a reply never has more bytes than asked). */
    String readLines(int lines) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        int seen = 0;
        while (seen < lines) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + seen + " lines");
            }
            read.write(b);
            if (b == '\n') {
                seen++;
            }
        }
        return read.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads exactly {@code n} bytes. */
    byte[] readBytes(int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length != n) {
            throw new IOException("connection closed after " + bytes.length + " of " + n + " bytes");
        }
        return bytes;
    }

    byte[] readToEnd() throws IOException {
        return in.readAllBytes();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
