package dev.kevy.server.metrics;

import dev.kevy.io.ShardContext;
import dev.kevy.io.ShardStats;
import dev.kevy.rt.buffer.OutputBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The server's figures in Prometheus's text exposition format (version 0.0.4): one family per
 * figure, one sample per shard labelled {@code shard="N"}, each counter as last published by its
 * shard (every tick, so at most one tick old). Rendering allocates nothing: every name, help and
 * type line is encoded once, and numbers are written as digits.
 */
final class MetricsPage {

    /** The media type Prometheus expects for this format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Family[] FAMILIES = {
        counter("kevy_commands_total", "Requests read from clients and run, forwarded or fanned out.",
                ShardStats.COMMANDS),
        counter("kevy_forwarded_total", "Requests sent to the shard that owns their key.", ShardStats.FORWARDED),
        counter("kevy_executed_for_peers_total", "Requests run for another shard's clients.",
                ShardStats.EXECUTED_FOR_PEERS),
        counter("kevy_connections_accepted_total", "Connections accepted.", ShardStats.ACCEPTED),
        gauge("kevy_connections", "Open client connections.", ShardStats.CONNECTIONS),
        counter("kevy_connections_rejected_total", "Connections refused (maxclients, protected mode).",
                ShardStats.REJECTED),
        counter("kevy_bytes_read_total", "Bytes read from client sockets.", ShardStats.BYTES_READ),
        counter("kevy_bytes_written_total", "Bytes written to client sockets.", ShardStats.BYTES_WRITTEN),
        counter("kevy_loop_iterations_total", "Event loop iterations.", ShardStats.ITERATIONS),
        counter("kevy_parks_total", "Times the shard blocked in the poller with nothing to do.", ShardStats.PARKS),
        counter("kevy_wakes_total", "Wake-ups this shard sent to parked peers.", ShardStats.WAKES),
        gauge("kevy_ring_outbound_bytes", "Bytes sent to other shards and not yet consumed by them.",
                ShardStats.OUTBOUND_BYTES),
        gauge("kevy_pool_bytes", "Pooled buffer bytes in use (connection buffers, scratch).",
                ShardStats.POOL_BYTES_OUT),
        counter("kevy_atomic_turns_total", "Freeze turns the coordinator held for multi-shard commands.",
                ShardStats.ATOMIC_TURNS),
        counter("kevy_freezes_total", "Times the shard froze for the coordinator's turn.", ShardStats.FREEZES),
        gauge("kevy_deferred_replies", "Deferred replies (tickets) open on the shard.", ShardStats.TICKETS_OPEN),
        counter("kevy_pushes_total", "Frames handlers pushed to the shard's connections.", ShardStats.PUSHES),
        counter("kevy_messages_sent_total", "Messages the shard's handlers sent to shards.", ShardStats.MESSAGES_SENT),
        counter("kevy_messages_received_total", "Messages delivered to the shard's handlers.",
                ShardStats.MESSAGES_RECEIVED),
        counter("kevy_messages_unhandled_total", "Messages no handler took (each logged as an error).",
                ShardStats.MESSAGES_UNHANDLED),
        counter("kevy_timers_fired_total", "Handler timers that fired.", ShardStats.TIMERS_FIRED),
        counter("kevy_tasks_total", "Tasks and messages from other threads run on the shard.", ShardStats.TASKS_RUN),
        gauge("kevy_keys", "Keys in the shard's keyspace.", Family.KEYS),
    };

    private static final byte[] SHARD_LABEL = ascii("{shard=\"");
    private static final byte[] LABEL_END = ascii("\"} ");

    private final ShardContext context;
    private final ShardGauges gauges;
    /** {@code kevy_io_engine_info{engine="..."} 1}: which I/O engine the shards run, as an info metric. */
    private final byte[] engineInfo;

    MetricsPage(ShardContext context, ShardGauges gauges) {
        this.context = context;
        this.gauges = gauges;
        this.engineInfo = ascii("# HELP kevy_io_engine_info The I/O engine the shards run.\n"
                + "# TYPE kevy_io_engine_info gauge\nkevy_io_engine_info{engine=\"" + context.ioEngine() + "\"} 1\n");
    }

    /** Writes the page. */
    void render(OutputBuffer out) {
        int shards = context.shards();
        out.writeBytes(engineInfo);
        for (Family f : FAMILIES) {
            out.writeBytes(f.header);
            for (int s = 0; s < shards; s++) {
                out.writeBytes(f.name);
                out.writeBytes(SHARD_LABEL);
                out.writeLong(s);
                out.writeBytes(LABEL_END);
                out.writeLong(f.index == Family.KEYS ? gauges.keys(s) : context.stats(s).get(f.index));
                out.writeByte('\n');
            }
        }
    }

    private static Family counter(String name, String help, int index) {
        return new Family(name, help, "counter", index);
    }

    private static Family gauge(String name, String help, int index) {
        return new Family(name, help, "gauge", index);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A metric family: its HELP and TYPE lines, its name, and where its samples come from. */
    private record Family(byte[] header, byte[] name, int index) {
        /** The index of the key count, which comes from {@link ShardGauges}, not {@link ShardStats}. */
        static final int KEYS = -1;

        Family(String name, String help, String type, int index) {
            this(ascii("# HELP " + name + " " + help + "\n# TYPE " + name + " " + type + "\n"), ascii(name), index);
        }
    }
}
