package dev.kevy.io.async;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A blocking RESP client over a plain socket, reading exact byte counts (tests only). */
final class RespClient implements AutoCloseable {

    final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    RespClient(int port) throws IOException {
        this(port, 0);
    }

    /** @param receiveBuffer the socket's receive buffer, set before connecting (0: the default) */
    RespClient(int port, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer); // before connect, so the window starts small
        }
        socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        socket.setSoTimeout(30_000);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /** The RESP array of {@code args}. */
    static byte[] command(String... args) {
        StringBuilder b = new StringBuilder().append('*').append(args.length).append("\r\n");
        for (String a : args) {
            b.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
        }
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Writes several commands in one write (one pipeline). */
    RespClient send(byte[]... commands) throws IOException {
        int n = 0;
        for (byte[] c : commands) {
            n += c.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] c : commands) {
            System.arraycopy(c, 0, all, at, c.length);
            at += c.length;
        }
        out.write(all);
        return this;
    }

    RespClient send(String... args) throws IOException {
        return send(command(args));
    }

    /** Reads exactly {@code expected.length()} bytes and asserts they are {@code expected}. */
    void expect(String expected) throws IOException {
        byte[] got = in.readNBytes(expected.length());
        assertEquals(expected, new String(got, StandardCharsets.ISO_8859_1));
    }

    /** Sends one command and returns its one-line reply (simple string, error or integer), CRLF included. */
    String call(String... args) throws IOException {
        send(args);
        StringBuilder line = new StringBuilder();
        while (!line.toString().endsWith("\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("end of stream after " + line);
            }
            line.append((char) b);
        }
        return line.toString();
    }

    /** The shard serving this connection. */
    int shard() throws IOException {
        String reply = call("SHARD");
        return Integer.parseInt(reply.substring(1, reply.length() - 2));
    }

    /** Reads until the server closes (or resets) the connection; returns the bytes read meanwhile. */
    long readToEnd() {
        long total = 0;
        byte[] buf = new byte[64 * 1024];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                total += n;
            }
        } catch (IOException reset) {
            // a reset ends the stream as surely as a FIN
        }
        return total;
    }

    /** Reads until the server ends the stream; returns what it sent (a reset fails the read). */
    String readText() throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
