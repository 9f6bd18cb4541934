package dev.kevy.examples.http;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.Session;
import dev.kevy.io.codec.Request;
import dev.kevy.io.http.HttpDate;
import dev.kevy.io.http.HttpRequest;
import dev.kevy.io.http.HttpResponse;
import dev.kevy.io.http.HttpStatus;
import dev.kevy.rt.buffer.OutputBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One shard's routes. Every request runs where it was read ({@link #HERE}): nothing is shared, so
 * nothing crosses shards, and pipelined requests are answered in order by the runtime.
 *
 * <p>Every response carries {@code Server}, {@code Date} (this shard's {@link HttpDate}, refreshed
 * on tick), {@code Content-Type} and {@code Content-Length}; {@code Connection} only when it
 * departs from the version's default. Header lines are encoded once, here; per request only the
 * content length is formatted and the JSON serialized, into a reused array.
 */
final class HttpRoutes implements CommandHandler {
    private static final byte[] GET = ascii("GET");
    private static final byte[] HEAD = ascii("HEAD");
    private static final byte[] POST = ascii("POST");
    private static final byte[] PLAINTEXT = ascii("/plaintext");
    private static final byte[] JSON = ascii("/json");
    private static final byte[] ECHO = ascii("/echo");

    private static final byte[] SERVER = HttpResponse.headerLine("Server", "kevy");
    private static final byte[] TEXT_PLAIN = HttpResponse.headerLine("Content-Type", "text/plain");
    private static final byte[] APPLICATION_JSON = HttpResponse.headerLine("Content-Type", "application/json");
    private static final byte[] OCTET_STREAM = HttpResponse.headerLine("Content-Type", "application/octet-stream");
    private static final byte[] ALLOW_GET_HEAD = HttpResponse.headerLine("Allow", "GET, HEAD");
    private static final byte[] ALLOW_POST = HttpResponse.headerLine("Allow", "POST");

    private static final byte[] HELLO = ascii("Hello, World!");
    private static final String MESSAGE = "Hello, World!";
    private static final byte[] NOT_FOUND = ascii("404 Not Found\n");
    private static final byte[] METHOD_NOT_ALLOWED = ascii("405 Method Not Allowed\n");

    private final HttpDate date = new HttpDate();
    private final JsonWriter json = new JsonWriter(64);

    HttpRoutes() {
        date.refresh(System.currentTimeMillis()); // once; from here on the tick keeps it current
    }

    @Override
    public int route(Request request, Session session) {
        return HERE;
    }

    @Override
    public void onTick(long nowMillis) {
        date.refresh(nowMillis);
    }

    @Override
    public void execute(Request request, Session session, OutputBuffer out) {
        boolean keepAlive = HttpRequest.keepAlive(request);
        boolean http10 = HttpRequest.isHttp10(request);
        if (!keepAlive) {
            session.closeAfterReply();
        }
        boolean get = HttpRequest.methodIs(request, GET);
        boolean head = !get && HttpRequest.methodIs(request, HEAD);
        if (HttpRequest.pathEquals(request, PLAINTEXT)) {
            if (get || head) {
                plaintext(out, head, keepAlive, http10);
            } else {
                methodNotAllowed(out, ALLOW_GET_HEAD, keepAlive, http10);
            }
        } else if (HttpRequest.pathEquals(request, JSON)) {
            if (get || head) {
                json(out, head, keepAlive, http10);
            } else {
                methodNotAllowed(out, ALLOW_GET_HEAD, keepAlive, http10);
            }
        } else if (HttpRequest.pathEquals(request, ECHO)) {
            if (HttpRequest.methodIs(request, POST)) {
                head(out, HttpStatus.OK, OCTET_STREAM, keepAlive, http10);
                HttpResponse.body(out, request.buffer(), request.offset(HttpRequest.BODY),
                        request.length(HttpRequest.BODY));
            } else {
                methodNotAllowed(out, ALLOW_POST, keepAlive, http10);
            }
        } else {
            head(out, HttpStatus.NOT_FOUND, TEXT_PLAIN, keepAlive, http10);
            HttpResponse.body(out, NOT_FOUND);
        }
    }

    private void plaintext(OutputBuffer out, boolean headOnly, boolean keepAlive, boolean http10) {
        head(out, HttpStatus.OK, TEXT_PLAIN, keepAlive, http10);
        if (headOnly) {
            HttpResponse.endHead(out, HELLO.length);
        } else {
            HttpResponse.body(out, HELLO);
        }
    }

    /** Serializes {@code {"message":"Hello, World!"}} afresh, as the benchmark's rules require. */
    private void json(OutputBuffer out, boolean headOnly, boolean keepAlive, boolean http10) {
        json.reset();
        json.beginObject();
        json.stringMember("message", MESSAGE);
        json.endObject();
        head(out, HttpStatus.OK, APPLICATION_JSON, keepAlive, http10);
        if (headOnly) {
            HttpResponse.endHead(out, json.length());
        } else {
            HttpResponse.body(out, json.bytes(), 0, json.length());
        }
    }

    private void methodNotAllowed(OutputBuffer out, byte[] allow, boolean keepAlive, boolean http10) {
        head(out, HttpStatus.METHOD_NOT_ALLOWED, TEXT_PLAIN, keepAlive, http10);
        HttpResponse.header(out, allow);
        HttpResponse.body(out, METHOD_NOT_ALLOWED);
    }

    /** The status line and the headers every response has, up to {@code Content-Length}. */
    private void head(OutputBuffer out, int status, byte[] contentType, boolean keepAlive, boolean http10) {
        HttpResponse.status(out, status);
        HttpResponse.header(out, SERVER);
        date.writeHeaderLine(out);
        HttpResponse.header(out, contentType);
        HttpResponse.connection(out, keepAlive, http10);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
