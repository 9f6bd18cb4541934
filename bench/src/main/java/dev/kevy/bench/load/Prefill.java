package dev.kevy.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * Writes every key once before a run, so GETs measure hits rather than the cheaper miss path.
 *
 * <p>One connection sends SETs in pipelined batches and checks that every reply is {@code +OK}.
 * It runs before the clock starts and is not measured. A server that stops answering fails the
 * prefill after {@code stallTimeoutMs} without progress instead of hanging the generator.
 */
final class Prefill {

    private Prefill() {
    }

    /**
     * SETs keys 0 .. keys-1.
     *
     * @throws IOException when the connection fails, stalls, or a reply is not {@code +OK}
     */
    static void run(String host, int port, long keys, RequestEncoder encoder, long stallTimeoutMs) throws IOException {
        int batch = Math.max(1, Math.min(512, (1 << 20) / encoder.setSize()));
        ByteBuffer out = ByteBuffer.allocateDirect(batch * encoder.setSize());
        ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
        ReplyScanner scanner = new ReplyScanner();
        try (SocketChannel ch = SocketChannel.open(new InetSocketAddress(host, port));
             Selector selector = Selector.open()) {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.configureBlocking(false);
            SelectionKey key = ch.register(selector, 0);
            for (long first = 0; first < keys; first += batch) {
                int n = (int) Math.min(batch, keys - first);
                out.clear();
                for (int i = 0; i < n; i++) {
                    encoder.putSet(out, first + i);
                }
                out.flip();
                int answered = 0;
                while (answered < n) {
                    key.interestOps(out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
                    if (selector.select(stallTimeoutMs) == 0) {
                        throw new IOException("prefill: no progress for " + stallTimeoutMs + " ms (is the server answering?)");
                    }
                    selector.selectedKeys().clear();
                    if (out.hasRemaining()) {
                        ch.write(out);
                    }
                    if (ch.read(in) < 0) {
                        throw new IOException("the server closed the connection during prefill");
                    }
                    in.flip();
                    int kind;
                    while (answered < n && (kind = scanner.next(in)) != ReplyScanner.NEED_MORE) {
                        if (kind != ReplyScanner.OK) {
                            throw new IOException("prefill: SET " + RequestEncoder.keyName(first + answered)
                                    + " was not answered +OK (reply kind " + kind + ")");
                        }
                        answered++;
                    }
                    in.compact();
                }
            }
        }
    }
}
