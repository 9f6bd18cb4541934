package dev.kevy.io.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.Listener;
import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.Session;
import dev.kevy.io.ShardContext;
import dev.kevy.io.ShardStats;
import dev.kevy.io.codec.Request;
import dev.kevy.io.engine.IoEngine;
import dev.kevy.io.engine.ReadinessEngine;
import dev.kevy.io.poll.EpollPoller;
import dev.kevy.io.poll.KqueuePoller;
import dev.kevy.io.resp.RespCodec;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.rt.mesh.Mesh;
import dev.kevy.rt.mesh.MeshPort;
import dev.kevy.rt.park.ParkingLot;
import dev.kevy.rt.park.Waker;
import dev.kevy.rt.ring.RecordHandler;
import dev.kevy.rt.task.ShardInbox;
import dev.kevy.sys.Platform;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A shard frozen for the coordinator's atomic turn touches none of its handler's state until the
 * thaw: a handler's message that reaches it meanwhile is kept, and delivered after the THAW, in
 * order. Before this held, the server lost list elements: a message (a blocked pop's give-back)
 * pushed into a list on the frozen shard while the coordinator's LMOVE was editing the same
 * keyspace.
 *
 * <p>One real shard (1) runs; this thread plays the coordinator (shard 0) and a peer (shard 2) on
 * their ends of the mesh, so every step is ordered: FROZEN is awaited, and the peer sees its
 * message consumed (the ring empty) before the handler is asked whether it ran.
 */
class FrozenShardTest {
    private static final int SHARDS = 3;
    private static final int ME = 1;
    private static final int TYPE = 0x7E57;
    private static final long WAIT_NANOS = 30_000_000_000L;

    /** What shard 1's handler was given, in order, as "from:payload". */
    private final List<String> delivered = new CopyOnWriteArrayList<>();

    private final class Recording implements CommandHandler {
        Recording(ShardContext context) {
        }

        @Override
        public int route(Request command, Session session) {
            return HERE;
        }

        @Override
        public void execute(Request command, Session session, OutputBuffer reply) {
        }

        @Override
        public void onMessage(int fromShard, int type, MemorySegment payload, long offset, long length) {
            delivered.add(fromShard + ":" + (type == TYPE ? payload.get(Records.LONG, offset) : -1));
        }
    }

    @Test
    void aMessageThatReachesAFrozenShardWaitsForTheThaw() throws Exception {
        RuntimeConfig config = RuntimeConfig.builder().shards(SHARDS).build();
        IoEngine engine = new ReadinessEngine(Platform.isLinux() ? new EpollPoller(64) : new KqueuePoller(64));
        Waker none = () -> { }; // this thread never parks
        try (Mesh mesh = new Mesh(new ParkingLot(new Waker[] {none, engine.waker(), none}), config.ringCapacity())) {
            Listener listener = Listener.tcp("127.0.0.1", 0, new RespCodec(), Recording::new);
            Shard shard = new Shard(ME, config, engine, mesh.port(ME), new ShardInbox<>(16, mesh.port(ME).parking(), ME),
                    new Listener[] {listener}, new int[] {-1}, new CountDownLatch(1), new Counters(new long[ShardStats.COUNT]),
                    new ShardStats[SHARDS], new CommandHandler[1][SHARDS], new AtomicInteger());
            Thread thread = new Thread(shard, "kevy-shard-" + ME);
            thread.start();
            try {
                MeshPort coordinator = mesh.port(Atomics.COORDINATOR);
                MeshPort peer = mesh.port(2);

                send(coordinator, Records.FREEZE, -1);
                awaitRecord(coordinator, Records.FROZEN);

                send(peer, Records.MESSAGE, 1);
                long deadline = System.nanoTime() + WAIT_NANOS;
                while (peer.outboundBytes() > 0) { // shard 1 has taken it off the ring once this is 0
                    assertTrue(System.nanoTime() < deadline, "the frozen shard never drained its ring");
                    Thread.onSpinWait();
                }
                assertEquals(List.of(), delivered, "delivered to the handler while frozen");

                send(coordinator, Records.THAW, -1);
                send(peer, Records.MESSAGE, 2);
                deadline = System.nanoTime() + WAIT_NANOS;
                while (delivered.size() < 2) {
                    assertTrue(System.nanoTime() < deadline, "not delivered after the thaw: " + delivered);
                    Thread.onSpinWait();
                }
                assertEquals(List.of("2:1", "2:2"), delivered, "each message once, in the order sent");
            } finally {
                shard.requestExit();
                thread.join();
                engine.close();
            }
            assertNull(shard.failure(), "the shard failed");
        }
    }

    /** Sends shard 1 a record of {@code type}: the freeze protocol's (no payload), or a message carrying {@code value}. */
    private static void send(MeshPort from, int type, long value) {
        if (type == Records.MESSAGE) {
            long at = from.claim(ME, type, Messages.HEADER + Long.BYTES);
            MemorySegment s = from.claimedSegment();
            s.set(Records.INT, at, 0);
            s.set(Records.INT, at + Integer.BYTES, TYPE);
            s.set(Records.LONG, at + Messages.HEADER, value);
        } else {
            from.claim(ME, type, 0);
        }
        from.commit();
        from.publishAll();
        from.wakeParkedPeers();
    }

    /** Drains {@code port}'s inbound rings until a record of {@code type} comes from shard 1. */
    private static void awaitRecord(MeshPort port, int type) {
        boolean[] seen = new boolean[1];
        RecordHandler watch = new RecordHandler() {
            @Override
            public void onRecord(int t, MemorySegment segment, long offset, int length) {
                seen[0] |= t == type && port.drainingFrom() == ME;
            }

            @Override
            public void onBlock(int t, MemorySegment block, Arena owner) {
                owner.close();
            }
        };
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (!seen[0]) {
            assertTrue(System.nanoTime() < deadline, "no record of type " + type + " from shard " + ME);
            port.drainInbound(watch, 64);
            Thread.onSpinWait();
        }
    }
}
