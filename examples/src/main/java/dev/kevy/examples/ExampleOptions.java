package dev.kevy.examples;

import dev.kevy.io.RuntimeConfig;

/**
 * The flags every example takes: {@code --port}, {@code --bind} and {@code --shards} (and
 * {@code --help}). A bad flag prints one line and exits with status 2, as the server does.
 *
 * @param bind   address to listen on (default 127.0.0.1)
 * @param port   TCP port (each example has its own default)
 * @param shards shard threads (default: one per CPU)
 */
public record ExampleOptions(String bind, int port, int shards) {

    /** Parses {@code args}; on a bad flag prints {@code usage}'s first line and exits 2. */
    public static ExampleOptions parse(String name, int defaultPort, String[] args) {
        String bind = "127.0.0.1";
        int port = defaultPort;
        int shards = Runtime.getRuntime().availableProcessors();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--bind" -> bind = value(args, ++i, "--bind");
                    case "--port" -> port = number(value(args, ++i, "--port"), "--port", 0, 65_535);
                    case "--shards" -> shards = number(value(args, ++i, "--shards"), "--shards", 1, 1024);
                    case "--help", "-h" -> {
                        System.out.println("usage: " + name + " [--bind ADDRESS] [--port N] [--shards N]");
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown flag '" + args[i] + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println(name + ": " + e.getMessage() + " (try --help)");
            System.exit(2);
        }
        return new ExampleOptions(bind, port, shards);
    }

    /** The runtime settings: these shards, every other setting at its default. */
    public RuntimeConfig runtimeConfig() {
        return RuntimeConfig.builder().shards(shards).build();
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static int number(String text, String flag, int min, int max) {
        int v;
        try {
            v = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a number: '" + text + "'");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(flag + " must be in " + min + ".." + max + ": " + v);
        }
        return v;
    }
}
