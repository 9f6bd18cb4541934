package dev.kevy.examples;

import dev.kevy.io.KevyRuntime;
import dev.kevy.io.Listener;
import dev.kevy.sys.SysException;

/**
 * Starts an example the way the server starts: one ready line on standard output, one clear line
 * and status 1 if the port is busy or the address cannot be bound, a graceful stop on SIGINT or
 * SIGTERM (replies to what was read are sent), status 1 if a shard failed.
 */
public final class Launcher {

    private Launcher() {
    }

    /** Serves {@code listener} until the process is told to stop. */
    public static void serve(String name, ExampleOptions options, Listener listener) {
        KevyRuntime runtime;
        try {
            runtime = KevyRuntime.start(options.runtimeConfig(), listener);
        } catch (SysException e) {
            System.err.println(name + ": cannot listen on " + options.bind() + ":" + options.port() + ": "
                    + e.errnoName() + " (" + dev.kevy.sys.Errno.message(e.errno()) + ")");
            System.exit(1);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println(name + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.stop();
            Runtime.getRuntime().halt(runtime.failure() == null ? 0 : 1);
        }, name + "-shutdown"));
        System.out.println(name + " ready on " + options.bind() + ":" + runtime.port() + " ("
                + runtime.shardCount() + (runtime.shardCount() == 1 ? " shard, " : " shards, ")
                + runtime.reactor() + ", pid " + ProcessHandle.current().pid() + ")");
        System.out.flush();
        try {
            runtime.awaitTermination();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (runtime.failure() != null) {
            System.err.println(name + ": a shard failed: " + runtime.failure());
            Runtime.getRuntime().halt(1);
        }
    }
}
