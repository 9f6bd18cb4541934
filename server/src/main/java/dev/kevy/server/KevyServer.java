package dev.kevy.server;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.Commands;
import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.ShardContext;
import dev.kevy.server.command.Cmd;
import dev.kevy.server.command.CommandTable;

/** The Redis-compatible command set, as the runtime's {@link Commands}: one handler per shard. */
public final class KevyServer implements Commands {

    private final CommandTable table = Cmd.table();
    private final ServerSettings settings;
    private final RuntimeConfig runtime;

    public KevyServer(ServerSettings settings, RuntimeConfig runtime) {
        this.settings = settings;
        this.runtime = runtime;
    }

    @Override
    public CommandHandler forShard(ShardContext context) {
        return new ShardHandler(context, table, settings, new ConfigValues(settings, runtime));
    }
}
