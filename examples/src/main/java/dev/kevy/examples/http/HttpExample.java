package dev.kevy.examples.http;

import dev.kevy.examples.ExampleOptions;
import dev.kevy.examples.Launcher;
import dev.kevy.io.Listener;
import dev.kevy.io.http.HttpCodec;

/**
 * An HTTP/1.1 server with TechEmpower's two simplest tests and an echo route:
 * <ul>
 *   <li>{@code GET /plaintext}: {@code Hello, World!} as {@code text/plain};</li>
 *   <li>{@code GET /json}: {@code {"message":"Hello, World!"}}, serialized per request;</li>
 *   <li>{@code POST /echo}: the request body back, as {@code application/octet-stream}.</li>
 * </ul>
 * Keep-alive and pipelining work as HTTP/1.1 says; bad requests get the codec's 4xx/5xx and a
 * close. {@code make example NAME=http ARGS="--port 8080"}, then
 * {@code curl -i localhost:8080/json} or {@code wrk -c64 -d10s http://localhost:8080/plaintext}.
 */
public final class HttpExample {
    /** Port when {@code --port} is not given. */
    public static final int DEFAULT_PORT = 8080;

    private HttpExample() {
    }

    public static void main(String[] args) {
        ExampleOptions options = ExampleOptions.parse("http", DEFAULT_PORT, args);
        Launcher.serve("http", options,
                Listener.tcp(options.bind(), options.port(), new HttpCodec(), new HttpService()));
    }
}
