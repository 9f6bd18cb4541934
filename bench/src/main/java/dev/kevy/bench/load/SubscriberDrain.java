package dev.kevy.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The subscribers of a pub/sub fan-out benchmark: {@code count} connections that SUBSCRIBE to one
 * channel and then read everything the server pushes, as fast as one thread can, without parsing
 * (each message frame has the same size, so bytes tell messages). It prints {@code ready} once
 * every subscription is confirmed, and exits when every connection received {@code expected}
 * messages, printing the count and the seconds from the first message to the last; or, after
 * {@code idleSeconds} without a byte, prints what arrived and exits 1 (a message was lost or a
 * subscriber was cut).
 *
 * <pre>java -cp benchmarks.jar dev.kevy.bench.load.SubscriberDrain port count channel payloadBytes expected idleSeconds</pre>
 */
public final class SubscriberDrain {

    private SubscriberDrain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 6) {
            System.err.println("usage: SubscriberDrain port count channel payloadBytes expected idleSeconds");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        String channel = args[2];
        int payload = Integer.parseInt(args[3]);
        long expected = Long.parseLong(args[4]);
        long idleNanos = Long.parseLong(args[5]) * 1_000_000_000L;
        byte[] subscribe = ("*2\r\n$9\r\nSUBSCRIBE\r\n$" + channel.length() + "\r\n" + channel + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        int confirmation = ("*3\r\n$9\r\nsubscribe\r\n$" + channel.length() + "\r\n" + channel + "\r\n:1\r\n").length();
        long frame = ("*3\r\n$7\r\nmessage\r\n$" + channel.length() + "\r\n" + channel + "\r\n$" + payload + "\r\n").length()
                + payload + 2L;
        long wanted = confirmation + expected * frame; // bytes per connection
        Selector selector = Selector.open();
        long[] received = new long[count];
        for (int i = 0; i < count; i++) {
            SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.write(ByteBuffer.wrap(subscribe));
            ch.configureBlocking(false);
            ch.register(selector, SelectionKey.OP_READ, i);
        }
        ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
        int confirmed = 0;
        int complete = 0;
        long first = 0;
        long last = System.nanoTime();
        boolean readyPrinted = false;
        while (complete < count) {
            selector.select(100);
            for (SelectionKey key : selector.selectedKeys()) {
                int i = (Integer) key.attachment();
                SocketChannel ch = (SocketChannel) key.channel();
                int n;
                while ((n = ch.read(buffer.clear())) > 0) {
                    long before = received[i];
                    received[i] += n;
                    if (before < confirmation && received[i] >= confirmation) {
                        confirmed++;
                    }
                    if (received[i] > confirmation && first == 0) {
                        first = System.nanoTime();
                    }
                    if (before < wanted && received[i] >= wanted) {
                        complete++;
                    }
                    last = System.nanoTime();
                }
                if (n < 0) {
                    key.cancel();
                    System.out.println("closed " + i + " after " + messages(received[i], confirmation, frame) + " messages");
                    System.exit(1);
                }
            }
            selector.selectedKeys().clear();
            if (!readyPrinted && confirmed == count) {
                System.out.println("ready");
                readyPrinted = true;
            }
            if (System.nanoTime() - last > idleNanos) {
                long least = Long.MAX_VALUE;
                for (long r : received) {
                    least = Math.min(least, messages(r, confirmation, frame));
                }
                System.out.println("idle: the slowest subscriber has " + least + " of " + expected + " messages");
                System.exit(1);
            }
        }
        System.out.printf("received %d messages on each of %d subscribers in %.3f s%n", expected, count,
                (last - first) / 1e9);
    }

    private static long messages(long bytes, int confirmation, long frame) {
        return Math.max(0, bytes - confirmation) / frame;
    }
}
