package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;

/**
 * A client on a plain {@link Socket} speaking hand-written RESP: {@link #send} hands all the
 * bytes to one socket write, so a pipeline really arrives as one burst, and replies are read back
 * as raw bytes and compared exactly.
 */
final class RawClient implements AutoCloseable {

    /** Generous: the machine is shared, and a reply that never comes fails the test, not hangs it. */
    static final int READ_TIMEOUT_MILLIS = 30_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawClient(int port) {
        try {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            in = new java.io.BufferedInputStream(socket.getInputStream(), 64 * 1024);
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Socket socket() {
        return socket;
    }

    /** Writes {@code bytes} with one call on the socket's stream. */
    RawClient send(byte[] bytes) {
        try {
            out.write(bytes);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RawClient send(String... command) {
        return send(Resp.command(command));
    }

    /** Reads exactly {@code expected.length} bytes and requires them to be {@code expected}. */
    void expect(byte[] expected) {
        byte[] got = readExactly(expected.length);
        if (!Arrays.equals(expected, got)) {
            int at = Arrays.mismatch(expected, got);
            int from = Math.max(0, at - 60);
            assertEquals(Resp.text(Arrays.copyOfRange(expected, from, Math.min(expected.length, at + 60))),
                    Resp.text(Arrays.copyOfRange(got, from, Math.min(got.length, at + 60))),
                    "reply bytes differ at offset " + at + " of " + expected.length);
        }
    }

    /**
     * Sends one command and requires its reply to be {@code expected}. The reply is read by its
     * own framing, so a wrong reply of another length fails at once instead of waiting for bytes.
     */
    void call(byte[] expected, String... command) {
        send(command);
        assertEquals(Resp.text(expected), Resp.text(readReply()), "reply to " + String.join(" ", command));
    }

    byte[] readExactly(int n) {
        try {
            byte[] b = in.readNBytes(n);
            if (b.length < n) {
                throw new EOFException("end of stream after " + b.length + " of " + n + " bytes: " + Resp.text(b));
            }
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one complete reply, whatever its type, as raw bytes. */
    byte[] readReply() {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        try {
            readReply(reply);
        } catch (IOException e) {
            throw new UncheckedIOException("after " + reply.size() + " bytes of a reply: "
                    + Resp.text(reply.toByteArray()), e);
        }
        return reply.toByteArray();
    }

    private void readReply(ByteArrayOutputStream reply) throws IOException {
        String line = readLine(reply);
        char type = line.charAt(0);
        if (type == '$') {
            long length = Long.parseLong(line.substring(1));
            if (length >= 0) {
                reply.writeBytes(readExactly((int) length + 2));
            }
        } else if (type == '*') {
            long count = Long.parseLong(line.substring(1));
            for (long i = 0; i < count; i++) {
                readReply(reply);
            }
        }
    }

    private String readLine(ByteArrayOutputStream reply) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("end of stream inside a reply line: " + line);
            }
            reply.write(b);
            if (b == '\n' && !line.isEmpty() && line.charAt(line.length() - 1) == '\r') {
                return line.substring(0, line.length() - 1);
            }
            line.append((char) b);
        }
    }

    /** Reads until the server closes the connection (a clean end of stream) and returns what came before. */
    byte[] readToEnd() {
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                rest.write(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rest.toByteArray();
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
