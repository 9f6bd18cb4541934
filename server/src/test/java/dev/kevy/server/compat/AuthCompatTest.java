package dev.kevy.server.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Both servers started with {@code requirepass}: what an unauthenticated client may do, and AUTH/HELLO. */
class AuthCompatTest extends DifferentialBase {

    private static final String PASS = "s3cret";

    @Override
    String requirePass() {
        return PASS;
    }

    @Test
    void unauthenticatedClientsGetNoauthForEverythingButAuthHelloQuit() {
        try (Differ d = differ()) {
            String[][] refused = {{"GET", "k"}, {"SET", "k", "v"}, {"PING"}, {"DBSIZE"}, {"KEYS", "*"}, {"SCAN", "0"},
                {"MGET", "a", "b", "c"}, {"DEL", "a", "b"}, {"FLUSHALL"}, {"INFO"}, {"CONFIG", "GET", "maxmemory"},
                {"CLIENT", "ID"}, {"CLIENT", "LIST"}, {"SELECT", "0"}, {"ECHO", "x"}, {"COMMAND"}, {"SLOWLOG", "LEN"},
                {"RENAME", "a", "b"}, {"MSETNX", "a", "1", "b", "2"}, {"EXPIRE", "k", "10"}, {"SCAN", "abc"}};
            for (String[] c : refused) {
                d.same(c);
            }
            d.same("NOSUCH", "x");
            d.same("EXEC"); // refused: EXECABORT with the NOAUTH reason
            d.same("DISCARD");
            d.same("GET");
            d.same("CONFIG", "NOSUCH");
            d.same("SET", "k");
            d.same("HELLO", "2");
            d.same("HELLO", "2", "SETNAME", "x");
            d.same("HELLO", "2", "AUTH", "default", "wrong");
            d.same("HELLO", "2", "AUTH", "nobody", PASS);
            d.same("AUTH", "wrong");
            d.same("AUTH", "default", "wrong");
            d.same("AUTH", "nobody", PASS);
            d.same("AUTH", PASS.toUpperCase());
            d.same("AUTH", "a", "b", "c");
            d.same("GET", "k");
            d.same("AUTH", PASS);
            d.same("SET", "k", "v");
            d.same("GET", "k");
            d.same("AUTH", "wrong");
            d.same("GET", "k"); // a failed AUTH does not undo an earlier success
            d.same("FLUSHALL");
            d.assertSame();
        }
        try (Differ d = differ()) {
            d.same("AUTH", "default", PASS);
            d.same("PING");
            d.same("DBSIZE");
            d.assertSame();
        }
        try (Differ d = differ()) {
            d.shape("HELLO", "2", "AUTH", "default", PASS, "SETNAME", "me");
            d.same("CLIENT", "GETNAME");
            d.same("PING");
            d.assertSame();
        }
        try (Differ d = differ()) {
            d.sameThenClosed("QUIT"); // +OK, then the end of the stream, before AUTH too
            d.assertSame();
        }
    }

    /** Before AUTH, Redis 7 refuses requests with more than 10 arguments or a bulk over 16 KiB, and closes. */
    @Test
    void unauthenticatedClientsCannotSendLargeRequests() {
        String[] requests = {"*11\r\n", "*1\r\n$16385\r\n", "*2\r\n$3\r\nGET\r\n$100000\r\n"};
        for (String raw : requests) {
            try (Differ d = differ()) {
                d.redis().send(Wire.bytes(raw));
                d.kevy().send(Wire.bytes(raw));
                assertEquals(Wire.text(d.redis().readToEnd()), Wire.text(d.kevy().readToEnd()), raw);
            }
        }
        try (Differ d = differ()) {
            d.same("AUTH", PASS);
            d.same("MSET", "k1", "1", "k2", "2", "k3", "3", "k4", "4", "k5", "5", "k6", "6");
            d.same("SET", "big", "x".repeat(20_000));
            d.same("STRLEN", "big");
            d.same("FLUSHALL");
            d.assertSame();
        }
    }
    @Test
    void helloThreeBeforeAuthGetsRedisNoauthNotNoproto() {
        try (Differ d = differ()) {
            d.same("HELLO", "3");
            d.same("HELLO", "3", "SETNAME", "x");
            d.same("HELLO", "3", "AUTH", "default", "wrong");
            d.same("HELLO", "3", "BOGUS");
            d.same("HELLO", "4");
            d.same("HELLO", "1");
            d.same("HELLO", "three");
            d.same("GET", "k");
            d.assertSame();
        }
    }

    @Test
    void resetReturnsTheConnectionToNewIncludingAuthentication() {
        try (Differ d = differ()) {
            d.same("RESET");
            d.same("AUTH", PASS);
            d.same("CLIENT", "SETNAME", "me");
            d.same("CLIENT", "GETNAME");
            d.same("RESET");
            d.same("CLIENT", "GETNAME");
            d.same("GET", "k");
            d.same("AUTH", PASS);
            d.same("CLIENT", "GETNAME");
            d.same("RESET", "extra");
            d.same("FLUSHALL");
            d.assertSame();
        }
    }

    /** Redis closes an unauthenticated client, unanswered, once its unread replies pass 16 KiB. */
    @Test
    void pipelinedAuthGuessesCloseTheConnectionOnceRepliesPassSixteenKibibytes() {
        byte[] guess = Wire.encode("AUTH", "wrong");
        try (Differ d = differ()) {
            d.sameRaw("256 guesses: 16384 bytes of replies", repeat(guess, 256), 256);
            d.same("GET", "k");
            d.assertSame();
        }
        for (int guesses : new int[] {257, 20_000}) {
            try (Differ d = differ()) {
                sendUntilClosed(d.redis(), repeat(guess, guesses));
                sendUntilClosed(d.kevy(), repeat(guess, guesses));
                String redis = Wire.text(d.redis().readUntilClosedOrReset());
                String kevy = Wire.text(d.kevy().readUntilClosedOrReset());
                assertEquals("", redis, guesses + " guesses: Redis closes without answering");
                assertEquals(redis, kevy, guesses + " guesses");
            }
        }
    }

    /** Sends {@code request}; the server may close (and reset) before it has read all of it. */
    private static void sendUntilClosed(Wire wire, byte[] request) {
        try {
            wire.send(request);
        } catch (java.io.UncheckedIOException closedMidway) {
            // what the server did is read back by the caller
        }
    }

    private static byte[] repeat(byte[] request, int times) {
        byte[] all = new byte[request.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(request, 0, all, i * request.length, request.length);
        }
        return all;
    }
}
