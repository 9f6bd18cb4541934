package dev.kevy.server;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.Commands;
import dev.kevy.io.ShardContext;
import dev.kevy.server.command.Cmd;
import dev.kevy.server.metrics.ShardGauges;
import dev.kevy.server.command.CommandTable;
import dev.kevy.server.persist.AppendLog;
import dev.kevy.server.persist.SnapshotImage;

/** The Redis-compatible command set, as the runtime's {@link Commands}: one handler per shard. */
public final class KevyServer implements Commands {

    private final CommandTable table = Cmd.table();
    private final LiveSettings settings;
    private final ShardGauges gauges;
    private final SnapshotImage image;
    private final AppendLog appendLog;

    /** A server that starts empty. */
    public KevyServer(LiveSettings settings) {
        this(settings, null);
    }

    /**
     * A server whose shards first load their keys from {@code image} (the RDB file found at
     * start-up, already checked), or start empty when it is null.
     */
    KevyServer(LiveSettings settings, SnapshotImage image) {
        this(settings, image, null);
    }

    /**
     * A server whose shards load {@code image}, then replay their part of {@code appendLog} and
     * write their changes to it (null: no log).
     */
    KevyServer(LiveSettings settings, SnapshotImage image, AppendLog appendLog) {
        this.settings = settings;
        this.gauges = new ShardGauges(settings.shards());
        this.image = image;
        this.appendLog = appendLog;
        settings.appendLog(appendLog);
    }

    /** What each shard publishes on its tick for the metrics page (key counts). */
    public ShardGauges gauges() {
        return gauges;
    }

    /** The settings every shard reads (CONFIG GET/SET). */
    public LiveSettings settings() {
        return settings;
    }

    @Override
    public CommandHandler forShard(ShardContext context) {
        return new ShardHandler(context, table, settings, gauges, context.ioEngine(), image, appendLog);
    }
}
