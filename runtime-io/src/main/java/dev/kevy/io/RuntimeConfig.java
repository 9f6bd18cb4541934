package dev.kevy.io;

import dev.kevy.rt.idle.IdlePolicy;
import dev.kevy.sys.Platform;
import java.util.Objects;

/**
 * How a {@link KevyRuntime} runs: shards, idle policy, buffers and limits. Build one with
 * {@link #builder()}; every setting has a default a server on a small machine can run with. What
 * the runtime listens on, and in which protocol, is given separately ({@link Listener}): a runtime
 * started without one refuses to start.
 *
 * @param shards             shard threads
 * @param idle               spin, yield, park and tick settings ({@link IdlePolicy#forShards})
 * @param acceptMode         how connections reach shards
 * @param pinCores           pin shard {@code i} to CPU {@code i % cpus} (Linux)
 * @param timerSlackNanos    per-shard timer slack (Linux {@code prctl}); 0 keeps the kernel's
 * @param ringCapacity       bytes per shard-to-shard ring (a power of two)
 * @param maxClients         connections open at once across all shards; more are refused
 * @param maxInFlight        commands of one connection awaiting their reply before it stops
 *                           being read (backpressure)
 * @param outputPauseBytes   unsent reply bytes of one connection above which it stops being read
 * @param outputLimitBytes   unsent reply bytes above which a connection is closed (a client that
 *                           never reads); {@link Long#MAX_VALUE} for none
 * @param queryBufferLimit   largest request buffer of one connection (Redis's client-query-buffer-limit)
 * @param listenBacklog      listen(2) backlog
 * @param eventsPerPoll      readiness events collected per poll
 * @param ioEngine           the I/O engine: {@code auto} (io_uring where it works), epoll, io_uring
 */
public record RuntimeConfig(
        int shards,
        IdlePolicy idle,
        AcceptMode acceptMode,
        boolean pinCores,
        long timerSlackNanos,
        int ringCapacity,
        int maxClients,
        int maxInFlight,
        long outputPauseBytes,
        long outputLimitBytes,
        long queryBufferLimit,
        int listenBacklog,
        int eventsPerPoll,
        IoEngineChoice ioEngine) {

    /** How accepted connections reach shards. */
    public enum AcceptMode {
        /**
         * Every shard has its own listener on the same port ({@code SO_REUSEPORT}) and the kernel
         * spreads connections; the Linux default.
         */
        REUSE_PORT,
        /**
         * Shard 0 accepts every connection and hands each to a shard in turn through the rings;
         * the default where {@code SO_REUSEPORT} does not balance (macOS, the BSDs).
         */
        SINGLE_ACCEPTOR
    }

    public RuntimeConfig {
        Objects.requireNonNull(idle, "idle");
        Objects.requireNonNull(acceptMode, "acceptMode");
        Objects.requireNonNull(ioEngine, "ioEngine");
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be >= 1: " + shards);
        }
        if (Integer.bitCount(ringCapacity) != 1 || ringCapacity < 4096) {
            throw new IllegalArgumentException("ringCapacity must be a power of two >= 4096: " + ringCapacity);
        }
        if (maxClients < 1 || maxInFlight < 1 || eventsPerPoll < 1 || listenBacklog < 1) {
            throw new IllegalArgumentException("maxClients, maxInFlight, eventsPerPoll, listenBacklog must be >= 1");
        }
        if (outputPauseBytes < 1 || outputLimitBytes < 1 || queryBufferLimit < 1) {
            throw new IllegalArgumentException("buffer limits must be >= 1");
        }
    }

    /** Idle-loop housekeeping interval in milliseconds. */
    public long tickIntervalMillis() {
        return idle.tickIntervalNanos() / 1_000_000L;
    }

    /** A builder with every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link RuntimeConfig}; unset values keep their defaults. */
    public static final class Builder {
        private int shards = Runtime.getRuntime().availableProcessors();
        private IdlePolicy idle;
        private AcceptMode acceptMode = Platform.isLinux() ? AcceptMode.REUSE_PORT : AcceptMode.SINGLE_ACCEPTOR;
        private boolean pinCores;
        private long timerSlackNanos;
        private int ringCapacity = 1 << 19;
        private int maxClients = 10_000;
        private int maxInFlight = 1024;
        private long outputPauseBytes = 4L << 20;
        private long outputLimitBytes = Long.MAX_VALUE;
        private long queryBufferLimit = 1L << 30;
        private int listenBacklog = 511;
        private int eventsPerPoll = 256;
        private IoEngineChoice ioEngine = IoEngineChoice.fromEnvironment();

        private Builder() {
        }

        public Builder shards(int v) { shards = v; return this; }
        /** Idle policy; by default {@link IdlePolicy#forShards(int)} of the shard count. */
        public Builder idle(IdlePolicy v) { idle = v; return this; }
        public Builder acceptMode(AcceptMode v) { acceptMode = v; return this; }
        public Builder pinCores(boolean v) { pinCores = v; return this; }
        public Builder timerSlackNanos(long v) { timerSlackNanos = v; return this; }
        public Builder ringCapacity(int v) { ringCapacity = v; return this; }
        public Builder maxClients(int v) { maxClients = v; return this; }
        public Builder maxInFlight(int v) { maxInFlight = v; return this; }
        public Builder outputPauseBytes(long v) { outputPauseBytes = v; return this; }
        public Builder outputLimitBytes(long v) { outputLimitBytes = v; return this; }
        public Builder queryBufferLimit(long v) { queryBufferLimit = v; return this; }
        public Builder listenBacklog(int v) { listenBacklog = v; return this; }
        public Builder eventsPerPoll(int v) { eventsPerPoll = v; return this; }
        /** The I/O engine; by default {@link IoEngineChoice#fromEnvironment()}. */
        public Builder ioEngine(IoEngineChoice v) { ioEngine = v; return this; }

        public RuntimeConfig build() {
            IdlePolicy policy = idle != null ? idle : IdlePolicy.forShards(shards);
            return new RuntimeConfig(shards, policy, acceptMode, pinCores, timerSlackNanos,
                    ringCapacity, maxClients, maxInFlight, outputPauseBytes, outputLimitBytes, queryBufferLimit,
                    listenBacklog, eventsPerPoll, ioEngine);
        }
    }
}
