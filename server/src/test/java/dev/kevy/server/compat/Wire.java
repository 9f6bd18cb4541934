package dev.kevy.server.compat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A blocking test client that speaks raw RESP to any Redis-compatible server and hands replies
 * back as their exact bytes, so two servers' answers can be compared byte for byte. Reads RESP2
 * and RESP3 reply types (Redis answers {@code HELLO 3} in RESP3).
 */
public final class Wire implements AutoCloseable {

    /** Generous: a reply that never comes fails the test instead of hanging it. */
    public static final int READ_TIMEOUT_MILLIS = 20_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public Wire(int port) {
        try {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Socket socket() {
        return socket;
    }

    /** One command as a RESP array of bulk strings, each char one byte. */
    public static byte[] encode(String... args) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(bytes("*" + args.length + "\r\n"));
        for (String a : args) {
            byte[] v = bytes(a);
            b.writeBytes(bytes("$" + v.length + "\r\n"));
            b.writeBytes(v);
            b.writeBytes(bytes("\r\n"));
        }
        return b.toByteArray();
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    public static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** Writes {@code raw} in one call. */
    public Wire send(byte[] raw) {
        try {
            out.write(raw);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Wire send(String... args) {
        return send(encode(args));
    }

    /** Sends one command and returns its whole reply's bytes. */
    public byte[] call(String... args) {
        return send(args).reply();
    }

    /** {@link #call} as text. */
    public String callText(String... args) {
        return text(call(args));
    }

    /** Reads one complete reply, whatever its type, as raw bytes. */
    public byte[] reply() {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        try {
            readValue(reply);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reply.toByteArray();
    }

    private void readValue(ByteArrayOutputStream reply) throws IOException {
        String line = readLine(reply);
        char type = line.charAt(0);
        switch (type) {
            case '$', '=', '!' -> {
                long length = Long.parseLong(line.substring(1));
                if (length >= 0) {
                    reply.writeBytes(readExactly((int) length + 2));
                }
            }
            case '*', '~', '>' -> {
                long count = Long.parseLong(line.substring(1));
                for (long i = 0; i < count; i++) {
                    readValue(reply);
                }
            }
            case '%', '|' -> {
                long count = Long.parseLong(line.substring(1));
                for (long i = 0; i < 2 * count; i++) {
                    readValue(reply);
                }
                if (type == '|') {
                    readValue(reply); // an attribute precedes the value it describes
                }
            }
            default -> {
                // + - : _ , # ( : one line
            }
        }
    }

    private String readLine(ByteArrayOutputStream reply) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("end of stream inside a reply line: '" + line + "'");
            }
            reply.write(b);
            if (b == '\n' && !line.isEmpty() && line.charAt(line.length() - 1) == '\r') {
                return line.substring(0, line.length() - 1);
            }
            line.append((char) b);
        }
    }

    public byte[] readExactly(int n) {
        try {
            byte[] b = in.readNBytes(n);
            if (b.length < n) {
                throw new EOFException("end of stream after " + b.length + " of " + n + " bytes: " + text(b));
            }
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads until the server closes the connection and returns what came before; a reset ends it
     * too (a server that closes with request bytes unread resets the connection after its reply).
     */
    public byte[] readUntilClosedOrReset() {
        return readUntilClosedOrReset(in);
    }

    /** {@link #readUntilClosedOrReset()} on any socket's stream. */
    public static byte[] readUntilClosedOrReset(InputStream stream) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = stream.read(buf)) >= 0) {
                got.write(buf, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // closed with our bytes unread: what arrived before the reset is the answer
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a timeout: the server never closed
        }
        return got.toByteArray();
    }

    /** Reads until the server closes the connection and returns what came before the end. */
    public byte[] readToEnd() {
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

    /** Whether the server has closed the connection: a read sees end of stream (or a reset) in time. */
    public boolean closedByPeerWithin(int millis) {
        try {
            socket.setSoTimeout(millis);
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // ECONNRESET: closed with our bytes unread
        }
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
