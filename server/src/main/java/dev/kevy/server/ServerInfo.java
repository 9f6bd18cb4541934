package dev.kevy.server;

import dev.kevy.io.Reducer;
import dev.kevy.io.ShardContext;
import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.io.ShardStats;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.store.Databases;
import dev.kevy.server.store.Keyspace;
import dev.kevy.sys.Platform;
import java.nio.charset.StandardCharsets;
import dev.kevy.server.persist.AppendLog;
import dev.kevy.server.persist.SnapshotJob;
import dev.kevy.server.persist.Snapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * INFO: each shard reports its numbers (the hidden part command {@code KEVY.SHARDINFO}), and the
 * connection's shard adds them up and writes the sections. Allocates; INFO is not a hot path.
 *
 * <p>Part reply: {@code *2} of (the requested section names, echoed by every part so the
 * reducer knows them) and (this shard's numbers, in {@link #FIELDS} order).
 */
final class ServerInfo implements Reducer {

    static final String REDIS_VERSION = "7.0.0";
    static final String KEVY_VERSION = "0.1.0";

    /** Per-shard numbers, in part-reply order. */
    private static final String[] FIELDS = {"keys", "expires", "used_memory", "expired_keys", "keyspace_hits",
        "keyspace_misses", "connections", "commands", "forwarded", "executed_for_peers", "accepted", "rejected",
        "parks", "wakes", "iterations", "backlog", "spin_suspensions", "atomic_turns", "freezes", "evicted_keys",
        "pubsub_channels", "pubsub_patterns", "pubsubshard_channels", "blocked_clients", "blocking_keys"};

    private final ShardContext context;
    private final LiveSettings settings;
    private final String reactor;
    private final RespReader reader = new RespReader();

    ServerInfo(ShardContext context, LiveSettings settings, String reactor) {
        this.context = context;
        this.settings = settings;
        this.reactor = reactor;
    }

    /** The part: echo the sections, then this shard's numbers, then its non-empty databases. */
    static void shardPart(Request c, OutputBuffer out, Databases databases, KeyStats keyStats, ShardStats stats,
                          PubSub pubsub, BlockingCommands blocking) {
        RespWriter.arrayHeader(out, 3);
        RespWriter.arrayHeader(out, c.argc() - 1);
        for (int i = 1; i < c.argc(); i++) {
            RespWriter.bulk(out, c.buffer(), c.offset(i), c.length(i));
        }
        long keys = 0;
        long expires = 0;
        int nonEmpty = 0;
        for (int db = 0; db < databases.used(); db++) {
            Keyspace k = databases.peek(db);
            if (k != null && k.size() > 0) {
                keys += k.size();
                expires += k.expiresCount();
                nonEmpty++;
            }
        }
        long[] v = {keys, expires, databases.usedMemory(), keyStats.expired,
            keyStats.hits, keyStats.misses, stats.get(ShardStats.CONNECTIONS), stats.get(ShardStats.COMMANDS),
            stats.get(ShardStats.FORWARDED), stats.get(ShardStats.EXECUTED_FOR_PEERS), stats.get(ShardStats.ACCEPTED),
            stats.get(ShardStats.REJECTED), stats.get(ShardStats.PARKS), stats.get(ShardStats.WAKES),
            stats.get(ShardStats.ITERATIONS), stats.get(ShardStats.BACKLOG_TARGETS),
            stats.get(ShardStats.SPIN_SUSPENSIONS), stats.get(ShardStats.ATOMIC_TURNS), stats.get(ShardStats.FREEZES),
            keyStats.evicted, pubsub.table(PubSub.CHANNEL).size(), pubsub.table(PubSub.PATTERN).size(),
            pubsub.table(PubSub.SHARD).size(), blocking.clients().blocked(), blocking.queues().keys()};
        RespWriter.arrayHeader(out, v.length);
        for (long x : v) {
            RespWriter.integer(out, x);
        }
        RespWriter.arrayHeader(out, 3L * nonEmpty); // (db, keys, expires) of each non-empty database
        for (int db = 0; db < databases.used(); db++) {
            Keyspace k = databases.peek(db);
            if (k != null && k.size() > 0) {
                RespWriter.integer(out, db);
                RespWriter.integer(out, k.size());
                RespWriter.integer(out, k.expiresCount());
            }
        }
    }

    /** The reducer for a client that speaks RESP3: the same text as a verbatim string. */
    final Reducer resp3 = (parts, reply) -> {
        reply.dialect(RespWriter.RESP3);
        write(parts, reply);
    };

    /** Merges the shards' parts into INFO's text, a bulk string (RESP2); see {@link #resp3}. */
    @Override
    public void reduce(Parts parts, OutputBuffer reply) {
        reply.dialect(2);
        write(parts, reply);
    }

    private void write(Parts parts, OutputBuffer reply) {
        List<String> sections = new ArrayList<>();
        long[][] perShard = new long[parts.count()][];
        SortedMap<Long, long[]> perDb = new TreeMap<>();
        for (int p = 0; p < parts.count(); p++) {
            reader.reset(parts.segment(), parts.offset(p));
            reader.header();
            long n = reader.header();
            for (long i = 0; i < n; i++) {
                String name = reader.bulkString().toLowerCase(Locale.ROOT);
                if (p == 0) {
                    sections.add(name);
                }
            }
            long m = reader.header();
            perShard[p] = new long[(int) m];
            for (int i = 0; i < m; i++) {
                perShard[p][i] = reader.header();
            }
            long dbs = reader.header() / 3;
            for (long i = 0; i < dbs; i++) {
                long[] sum = perDb.computeIfAbsent(reader.header(), db -> new long[2]);
                sum[0] += reader.header();
                sum[1] += reader.header();
            }
        }
        long[] total = new long[FIELDS.length];
        for (long[] shard : perShard) {
            for (int i = 0; i < total.length && i < shard.length; i++) {
                total[i] += shard[i];
            }
        }
        String text = render(sections, total, perShard, perDb);
        RespWriter.verbatim(reply, text.getBytes(StandardCharsets.UTF_8));
    }

    private String render(List<String> requested, long[] t, long[][] perShard, SortedMap<Long, long[]> perDb) {
        boolean all = requested.isEmpty() || requested.contains("all") || requested.contains("everything")
                || requested.contains("default");
        StringBuilder sb = new StringBuilder();
        long now = System.currentTimeMillis();
        long uptime = (now - settings.startMillis()) / 1000;
        if (all || requested.contains("server")) {
            section(sb, "Server");
            sb.append("redis_version:").append(REDIS_VERSION).append("\r\n");
            sb.append("kevy_version:").append(KEVY_VERSION).append("\r\n");
            sb.append("redis_mode:standalone\r\n");
            sb.append("os:").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                    .append(' ').append(System.getProperty("os.arch")).append("\r\n");
            sb.append("arch_bits:64\r\n");
            sb.append("multiplexing_api:").append(reactor).append("\r\n");
            sb.append("java_version:").append(Runtime.version()).append("\r\n");
            sb.append("process_id:").append(ProcessHandle.current().pid()).append("\r\n");
            sb.append("tcp_port:").append(settings.port()).append("\r\n");
            sb.append("uptime_in_seconds:").append(uptime).append("\r\n");
            sb.append("uptime_in_days:").append(uptime / 86400).append("\r\n");
        }
        if (all || requested.contains("clients")) {
            section(sb, "Clients");
            sb.append("connected_clients:").append(t[6]).append("\r\n");
            sb.append("maxclients:").append(settings.maxClients()).append("\r\n");
            sb.append("blocked_clients:").append(t[23]).append("\r\n");
            // keys counted once per shard that holds waiters on them: a key has one owner, so this is exact
            sb.append("total_blocking_keys:").append(t[24]).append("\r\n");
        }
        if (all || requested.contains("memory")) {
            section(sb, "Memory");
            sb.append("used_memory:").append(t[2]).append("\r\n");
            sb.append("used_memory_human:").append(human(t[2])).append("\r\n");
            sb.append("maxmemory:").append(settings.maxMemory()).append("\r\n");
            sb.append("maxmemory_human:").append(human(settings.maxMemory())).append("\r\n");
            sb.append("maxmemory_policy:").append(settings.eviction().policy().redisName()).append("\r\n");
            sb.append("mem_allocator:kevy-offheap\r\n");
        }
        if (all || requested.contains("persistence")) {
            persistence(sb, settings.snapshots(), settings.appendLog(), now);
        }
        if (all || requested.contains("stats")) {
            section(sb, "Stats");
            sb.append("total_connections_received:").append(t[10]).append("\r\n");
            sb.append("total_commands_processed:").append(t[7]).append("\r\n");
            sb.append("rejected_connections:").append(t[11]).append("\r\n");
            sb.append("expired_keys:").append(t[3]).append("\r\n");
            sb.append("evicted_keys:").append(t[19]).append("\r\n");
            sb.append("keyspace_hits:").append(t[4]).append("\r\n");
            sb.append("keyspace_misses:").append(t[5]).append("\r\n");
            // summed over shards: a channel with subscribers on two shards counts twice (docs/SERVER.md)
            sb.append("pubsub_channels:").append(t[20]).append("\r\n");
            sb.append("pubsub_patterns:").append(t[21]).append("\r\n");
            sb.append("pubsubshard_channels:").append(t[22]).append("\r\n");
        }
        if (all || requested.contains("replication")) {
            section(sb, "Replication");
            sb.append("role:master\r\nconnected_slaves:0\r\n");
        }
        if (all || requested.contains("keyspace")) {
            section(sb, "Keyspace");
            for (Map.Entry<Long, long[]> db : perDb.entrySet()) { // avg_ttl: not estimated (see docs/SERVER.md)
                sb.append("db").append(db.getKey()).append(":keys=").append(db.getValue()[0])
                        .append(",expires=").append(db.getValue()[1]).append(",avg_ttl=0\r\n");
            }
        }
        if (all || requested.contains("kevy")) {
            section(sb, "Kevy");
            sb.append("shards:").append(perShard.length).append("\r\n");
            sb.append("reactor:").append(reactor).append("\r\n");
            sb.append("platform:").append(Platform.describe()).append("\r\n");
            for (int s = 0; s < perShard.length; s++) {
                long[] v = perShard[s];
                sb.append("shard").append(s).append(":keys=").append(v[0]).append(",connections=").append(v[6])
                        .append(",commands=").append(v[7]).append(",forwarded=").append(v[8])
                        .append(",executed_for_peers=").append(v[9]).append(",ring_backlog=").append(v[15])
                        .append(",parks=").append(v[12]).append(",wakes=").append(v[13])
                        .append(",iterations=").append(v[14])
                        .append(",spin_suspensions=").append(v[16])
                        .append(",atomic_turns=").append(v[17]).append(",freezes=").append(v[18]).append("\r\n");
            }
        }
        return sb.toString();
    }

    /** Redis's Persistence section: the snapshot fields kevy keeps, and the append-only log's. */
    private static void persistence(StringBuilder sb, Snapshots snapshots, AppendLog log, long now) {
        section(sb, "Persistence");
        SnapshotJob running = snapshots.running();
        sb.append("loading:0\r\n");
        sb.append("rdb_changes_since_last_save:").append(snapshots.changesSinceSave()).append("\r\n");
        sb.append("rdb_bgsave_in_progress:").append(running != null ? 1 : 0).append("\r\n");
        sb.append("rdb_last_save_time:").append(snapshots.lastSaveSeconds()).append("\r\n");
        sb.append("rdb_last_bgsave_status:").append(snapshots.lastSucceeded() ? "ok" : "err").append("\r\n");
        long last = snapshots.lastDurationMillis();
        sb.append("rdb_last_bgsave_time_sec:").append(last < 0 ? -1 : last / 1000).append("\r\n");
        sb.append("rdb_current_bgsave_time_sec:").append(running != null ? (now - running.startMillis()) / 1000 : -1)
                .append("\r\n");
        sb.append("rdb_last_file_size:").append(snapshots.lastBytes()).append("\r\n");
        sb.append("aof_enabled:").append(log != null ? 1 : 0).append("\r\n");
        // A log turned on while running is being rewritten until its first base is written (as Redis's
        // AOF_WAIT_REWRITE); its rewrite is "scheduled" while shard 0's tick has yet to start it.
        sb.append("aof_rewrite_in_progress:").append(log != null && (log.rewriting() || log.awaitingBase()) ? 1 : 0)
                .append("\r\n");
        sb.append("aof_rewrite_scheduled:").append(log != null && log.awaitingBase() && !log.rewriting() ? 1 : 0)
                .append("\r\n");
        sb.append("aof_last_bgrewrite_status:").append(log == null || log.lastRewriteSucceeded() ? "ok" : "err")
                .append("\r\n");
        sb.append("aof_last_write_status:").append(log != null && log.failed() ? "err" : "ok").append("\r\n");
        if (log != null) {
            sb.append("aof_current_size:").append(log.fileBytes()).append("\r\n");
            sb.append("aof_base_size:").append(log.baseBytes()).append("\r\n");
        }
    }

    private static void section(StringBuilder sb, String name) {
        if (!sb.isEmpty()) {
            sb.append("\r\n");
        }
        sb.append("# ").append(name).append("\r\n");
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + "B";
        }
        String[] units = {"K", "M", "G", "T"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f%s", v, units[u]);
    }
}
