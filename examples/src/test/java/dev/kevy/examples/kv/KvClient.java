package dev.kevy.examples.kv;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A blocking kv-binary client for tests, written from {@link KvProtocol}'s description: frames
 * requests, reads responses, and can also send raw bytes to probe the server's framing.
 */
final class KvClient implements AutoCloseable {

    /** A response: status and payload. */
    record Response(int status, byte[] payload) {
        static Response ok(byte[] payload) {
            return new Response(KvProtocol.OK, payload);
        }

        static Response status(int status) {
            return new Response(status, new byte[0]);
        }

        static Response error(String message) {
            return new Response(KvProtocol.ERROR, message.getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Response r && r.status == status && Arrays.equals(r.payload, payload);
        }

        @Override
        public int hashCode() {
            return status * 31 + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            String shown = payload.length <= 64 ? new String(payload, StandardCharsets.ISO_8859_1)
                    : payload.length + " bytes";
            return "Response[" + status + ", " + shown + "]";
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    KvClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(30_000);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
    }

    /** A request frame. */
    static byte[] frame(int opcode, byte[] key, byte[] value) {
        int length = KvProtocol.REQUEST_HEADER_BYTES + key.length + value.length;
        ByteArrayOutputStream f = new ByteArrayOutputStream(KvProtocol.LENGTH_BYTES + length);
        f.write(length >>> 24);
        f.write(length >>> 16);
        f.write(length >>> 8);
        f.write(length);
        f.write(opcode);
        f.write(key.length >>> 8);
        f.write(key.length);
        f.writeBytes(key);
        f.writeBytes(value);
        return f.toByteArray();
    }

    Response set(byte[] key, byte[] value) throws IOException {
        return call(frame(KvProtocol.SET, key, value));
    }

    Response get(byte[] key) throws IOException {
        return call(frame(KvProtocol.GET, key, new byte[0]));
    }

    Response del(byte[] key) throws IOException {
        return call(frame(KvProtocol.DEL, key, new byte[0]));
    }

    Response ping(byte[] payload) throws IOException {
        return call(frame(KvProtocol.PING, new byte[0], payload));
    }

    /** Sends one request frame and reads its response. */
    Response call(byte[] frame) throws IOException {
        send(frame);
        return read();
    }

    /** Sends raw bytes in one write. */
    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends raw bytes one write per byte. */
    void sendByteByByte(byte[] bytes) throws IOException {
        for (byte b : bytes) {
            out.write(b);
            out.flush();
        }
    }

    /** Reads one response frame. */
    Response read() throws IOException {
        int length = in.readInt();
        if (length < 1) {
            throw new IOException("response length " + length);
        }
        int status = in.readUnsignedByte();
        byte[] payload = new byte[length - 1];
        in.readFully(payload);
        return new Response(status, payload);
    }

    /** Reads exactly {@code n} bytes (responses, unparsed). */
    byte[] readBytes(int n) throws IOException {
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return bytes;
    }

    /** Whether the server has closed the connection (nothing more to read). */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (EOFException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
