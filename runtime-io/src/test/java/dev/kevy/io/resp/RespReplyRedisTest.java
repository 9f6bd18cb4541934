package dev.kevy.io.resp;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kevy.rt.buffer.BufferPool;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a real Redis sends frames one reply per command: RESP2 replies, then, after
 * {@code HELLO 3}, every RESP3 type through {@code DEBUG PROTOCOL} (attribute and push included).
 * Runs when {@code redis-server} is on the PATH (skipped otherwise); the server listens on a Unix
 * socket in a temporary directory, and {@code QUIT} ends the stream, so the test reads to the end
 * of it rather than waiting for a number of bytes.
 */
class RespReplyRedisTest {
    /** Each command and the type byte of the reply Redis 7 sends to it. */
    private static final String[][] COMMANDS = {
        {"+", "SET", "k", "v"},
        {"$", "GET", "k"},
        {"$", "GET", "missing"},
        {":", "INCR", "n"},
        {":", "RPUSH", "l", "a", "b", "c"},
        {"*", "LRANGE", "l", "0", "-1"},
        {":", "HSET", "h", "f1", "v1", "f2", "v2"},
        {"*", "HGETALL", "h"},
        {"-", "NOSUCHCOMMAND"},
        {"+", "MULTI"},
        {"+", "INCR", "n"},
        {"+", "LRANGE", "l", "0", "-1"},
        {"*", "EXEC"},
        {"$", "DEBUG", "PROTOCOL", "attrib"},
        {"%", "HELLO", "3"},
        {"%", "HGETALL", "h"},
        {":", "SADD", "s", "x", "y"},
        {"~", "SMEMBERS", "s"},
        {":", "ZADD", "z", "1.5", "m"},
        {",", "ZSCORE", "z", "m"},
        {"_", "GET", "missing"},
        {"$", "DEBUG", "PROTOCOL", "string"},
        {":", "DEBUG", "PROTOCOL", "integer"},
        {",", "DEBUG", "PROTOCOL", "double"},
        {"(", "DEBUG", "PROTOCOL", "bignum"},
        {"_", "DEBUG", "PROTOCOL", "null"},
        {"*", "DEBUG", "PROTOCOL", "array"},
        {"~", "DEBUG", "PROTOCOL", "set"},
        {"%", "DEBUG", "PROTOCOL", "map"},
        {"$", "DEBUG", "PROTOCOL", "attrib"}, // an attribute, then the bulk it describes: one frame
        {">$", "DEBUG", "PROTOCOL", "push"}, // a push, then a bulk: two frames
        {"=", "DEBUG", "PROTOCOL", "verbatim"},
        {"#", "DEBUG", "PROTOCOL", "true"},
        {"#", "DEBUG", "PROTOCOL", "false"},
        {"+", "QUIT"},
    };

    @Test
    void everyReplyOfARealRedisFramesOnePerCommand() throws Exception {
        byte[] replies = askRedis();
        List<Integer> tags = new ArrayList<>();
        for (String[] command : COMMANDS) {
            command[0].chars().forEach(tags::add);
        }
        Framed framed = ReplyFeeder.whole(new RespReplyCodec().newDecoder(), replies);
        assertNull(framed.error(), framed.toString());
        assertEquals(tags, framed.tags(), framed.toString());
        assertEquals(new String(replies, ISO_8859_1), String.join("", framed.frames()));
        int resp3Attrib = 29;
        assertTrue(framed.frames().get(resp3Attrib).startsWith("|1\r\n"), framed.frames().get(resp3Attrib));
        assertTrue(framed.frames().get(13).startsWith("$"), "RESP2 has no attributes: " + framed.frames().get(13));
        try (BufferPool pool = new BufferPool(256, 64 * 1024, 64 * 1024)) {
            RespReplyDecoder decoder = new RespReplyCodec().newDecoder();
            assertEquals(framed, ReplyFeeder.inReads(decoder, pool, replies, ReplyFeeder.ReadSizes.fixed(1)));
            assertEquals(framed, ReplyFeeder.inReads(decoder, pool, replies, ReplyFeeder.ReadSizes.random(new Random(3), 50)));
        }
    }

    /** Starts redis-server, sends every command in one write, and returns all it answered. */
    private static byte[] askRedis() throws Exception {
        assumeTrue(onPath("redis-server"), "redis-server is not installed");
        Path dir = Files.createTempDirectory("kevy-redis");
        Path socket = dir.resolve("redis.sock");
        Process server = new ProcessBuilder("redis-server", "--port", "0", "--unixsocket", socket.toString(),
                "--save", "", "--appendonly", "no", "--enable-debug-command", "yes", "--dir", dir.toString())
                .redirectErrorStream(true).start();
        try {
            awaitReady(server);
            try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                ByteBuffer request = ByteBuffer.wrap(encode());
                while (request.hasRemaining()) {
                    channel.write(request);
                }
                ByteArrayOutputStream received = new ByteArrayOutputStream();
                ByteBuffer chunk = ByteBuffer.allocate(4096);
                while (channel.read(chunk.clear()) >= 0) { // QUIT: the server closes after its +OK
                    received.write(chunk.array(), 0, chunk.position());
                }
                return received.toByteArray();
            }
        } finally {
            server.destroy();
            server.waitFor();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Reads the server's log until it says it is ready; its end means it failed to start. */
    private static void awaitReady(Process server) throws IOException {
        BufferedReader log = new BufferedReader(new InputStreamReader(server.getInputStream(), ISO_8859_1));
        StringBuilder seen = new StringBuilder();
        for (String line = log.readLine(); ; line = log.readLine()) {
            assertNotNull(line, "redis-server exited before it was ready:\n" + seen);
            seen.append(line).append('\n');
            // 7.0 says "The server is now ready to accept connections at <socket>"; 7.2 "Ready to accept connections unix".
            if (line.toLowerCase(java.util.Locale.ROOT).contains("ready to accept connections")) {
                return;
            }
        }
    }

    private static byte[] encode() {
        StringBuilder s = new StringBuilder();
        for (String[] command : COMMANDS) {
            s.append('*').append(command.length - 1).append("\r\n");
            for (int i = 1; i < command.length; i++) {
                s.append('$').append(command[i].length()).append("\r\n").append(command[i]).append("\r\n");
            }
        }
        return s.toString().getBytes(ISO_8859_1);
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
