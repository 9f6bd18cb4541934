package dev.kevy.examples.line;

import dev.kevy.examples.ExampleOptions;
import dev.kevy.examples.Launcher;
import dev.kevy.io.Listener;

/**
 * The line service ({@code make example NAME=line}): PING, ECHO and UPPER over newline-delimited
 * requests ({@link LineCodec}, {@link LineHandler}). Try it with {@code nc 127.0.0.1 7000}.
 */
public final class LineExample {
    /** The port when {@code --port} is not given. */
    public static final int DEFAULT_PORT = 7000;

    private LineExample() {
    }

    public static void main(String[] args) {
        ExampleOptions options = ExampleOptions.parse("line", DEFAULT_PORT, args);
        Launcher.serve("line", options, listener(options.bind(), options.port()));
    }

    /** The service's listener, as the tests start it too. */
    public static Listener listener(String bind, int port) {
        return Listener.tcp(bind, port, new LineCodec(), context -> new LineHandler());
    }
}
