package dev.kevy.examples.http;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.Commands;
import dev.kevy.io.ShardContext;

/**
 * The HTTP example's request logic for a {@code Listener} with an {@code HttpCodec}: one
 * {@link HttpRoutes} per shard, each answering its own connections' requests where they were read.
 */
public final class HttpService implements Commands {

    /** The service; it has no configuration. */
    public HttpService() {
    }

    @Override
    public CommandHandler forShard(ShardContext context) {
        return new HttpRoutes();
    }
}
