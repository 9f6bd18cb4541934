package dev.kevy.io;

import dev.kevy.io.codec.Codec;
import java.util.Objects;

/**
 * One way into a runtime: a TCP address, the protocol spoken there and the handlers that serve
 * it. A runtime serves any number of listeners with the same shards and the same rings; each
 * shard accepts on every listener (or shard 0 does and hands connections out, per
 * {@link RuntimeConfig.AcceptMode}), so a connection is served by one shard whatever listener it
 * came in on, and its requests may run on any shard by that listener's handlers.
 *
 * <pre>{@code
 *   KevyRuntime.start(config,
 *       Listener.tcp("0.0.0.0", 6379, new RespCodec(), myRedisCommands),
 *       Listener.tcp("127.0.0.1", 9121, new HttpCodec(), metricsPages));
 * }</pre>
 *
 * @param bindAddress  address to bind ({@code 0.0.0.0}, {@code ::}, {@code 127.0.0.1}, a name)
 * @param port         TCP port; 0 picks a free one ({@link KevyRuntime#port(int)} tells which)
 * @param codec        the protocol: request framing, error answers
 * @param commands     the per-shard handlers of this listener's requests
 * @param requireAuth  whether connections start unauthenticated (the handler authenticates them;
 *                     until then a codec may apply tighter limits, and replies are capped)
 */
public record Listener(String bindAddress, int port, Codec codec, Commands commands, boolean requireAuth) {

    public Listener {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(commands, "commands");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in 0..65535: " + port);
        }
    }

    /** A listener whose connections need no authentication. */
    public static Listener tcp(String bindAddress, int port, Codec codec, Commands commands) {
        return new Listener(bindAddress, port, codec, commands, false);
    }

    /** This listener with connections that start unauthenticated (or not). */
    public Listener withRequireAuth(boolean required) {
        return new Listener(bindAddress, port, codec, commands, required);
    }
}
