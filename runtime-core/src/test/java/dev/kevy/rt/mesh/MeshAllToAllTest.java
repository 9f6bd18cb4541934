package dev.kevy.rt.mesh;

import dev.kevy.rt.idle.IdleBackoff;
import dev.kevy.rt.idle.IdlePolicy;
import dev.kevy.rt.park.ParkingLot;
import dev.kevy.rt.park.Waker;
import dev.kevy.rt.ring.RecordHandler;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Four shards on four threads send to random peers through tiny rings (256 bytes, 24-byte inline
 * limit), so rings fill, records spill to backlogs, and some messages are blocks. Each receiver
 * checks that every pair's records arrive once each, in order, with intact content. No thread ever
 * waits for another: a shard with nothing to do either spins or parks with the real protocol.
 */
class MeshAllToAllTest {
    private static final int SHARDS = 4;
    private static final int RING = 256;
    private static final long BACKSTOP_NANOS = TimeUnit.SECONDS.toNanos(5);

    @Test
    void spinningShardsDeliverEveryRecordOnceInOrderPerPair() throws Exception {
        Result result = run(new int[] {25_000, 25_000, 25_000, 25_000}, false);
        assertNull(result.failure);
        assertArrayEquals(result.expected, result.received);
    }

    @Test
    void parkingShardsAreAlwaysWokenWithoutTheBackstop() throws Exception {
        // Uneven plans: shards that finish sending early park between the others' messages.
        Result result = run(new int[] {12_000, 6_000, 3_000, 1_000}, true);
        assertNull(result.failure);
        assertArrayEquals(result.expected, result.received);
        assertTrue(result.parks > 0, "the test exercised parking");
        assertEquals(0, result.backstopExpiries, "a parked shard waited out the backstop: a wake was lost");
    }

    /**
     * Payload length of message {@code seq} between two shards: 4 to 19 bytes, but every 64th is
     * 4 to 67 bytes and so often a block (rarer, because closing each block's shared arena costs
     * a handshake with every thread).
     */
    private static int lengthOf(int seq) {
        int hash = seq * 0x61C88647;
        return (seq & 63) == 0 ? 4 + (hash >>> 26) : 4 + (hash >>> 28);
    }

    private static final class Result {
        final long[] expected = new long[SHARDS * SHARDS];
        final long[] received = new long[SHARDS * SHARDS];
        final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        Throwable failure;
        long parks;
        long backstopExpiries;
    }

    private static Result run(int[] messages, boolean parking) throws Exception {
        Result result = new Result();
        ParkWaker[] wakers = new ParkWaker[SHARDS];
        for (int i = 0; i < SHARDS; i++) {
            wakers[i] = new ParkWaker();
        }
        Mesh mesh = new Mesh(new ParkingLot(wakers), RING, 2, Arena.ofShared());
        int[][] plan = new int[SHARDS][];
        for (int from = 0; from < SHARDS; from++) {
            SplittableRandom random = new SplittableRandom(1234 + from);
            plan[from] = new int[messages[from]];
            for (int i = 0; i < messages[from]; i++) {
                int to = random.nextInt(SHARDS - 1);
                plan[from][i] = to >= from ? to + 1 : to;
                result.expected[plan[from][i] * SHARDS + from]++;
            }
        }
        Shard[] shards = new Shard[SHARDS];
        Thread[] threads = new Thread[SHARDS];
        for (int i = 0; i < SHARDS; i++) {
            long expectedIn = 0;
            for (int from = 0; from < SHARDS; from++) {
                expectedIn += result.expected[i * SHARDS + from];
            }
            shards[i] = new Shard(mesh.port(i), plan[i], expectedIn, parking, wakers[i], result);
            threads[i] = new Thread(shards[i], "shard-" + i);
            wakers[i].thread = threads[i];
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(120));
            if (t.isAlive()) {
                throw new AssertionError(t.getName() + " did not finish");
            }
        }
        for (int i = 0; i < SHARDS; i++) {
            for (int from = 0; from < SHARDS; from++) {
                result.received[i * SHARDS + from] = shards[i].nextSeq[from];
            }
            result.parks += shards[i].parks;
            result.backstopExpiries += shards[i].backstopExpiries;
        }
        result.failure = result.firstFailure.get();
        mesh.close();
        return result;
    }

    /** An in-memory waker: a permit flag plus LockSupport. */
    private static final class ParkWaker implements Waker {
        final AtomicBoolean permit = new AtomicBoolean();
        volatile Thread thread;

        @Override
        public void wake() {
            permit.set(true);
            LockSupport.unpark(thread);
        }

        /** The blocking step of parking: wait for a wake; true if the backstop expired instead. */
        boolean block(long timeoutNanos) {
            long deadline = System.nanoTime() + timeoutNanos;
            while (!permit.getAndSet(false)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                LockSupport.parkNanos(left);
            }
            return false;
        }
    }

    /** A miniature shard loop: the per-iteration protocol the real event loop follows. */
    private static final class Shard implements Runnable, RecordHandler {
        final MeshPort port;
        final int[] plan;
        final long expectedIn;
        final boolean parking;
        final ParkWaker waker;
        final Result result;
        final long[] nextSeq = new long[SHARDS];
        final int[] sentTo = new int[SHARDS];
        final MemorySegment scratch = Arena.ofAuto().allocate(128);
        final SplittableRandom random;
        long receivedIn;
        long parks;
        long backstopExpiries;

        Shard(MeshPort port, int[] plan, long expectedIn, boolean parking, ParkWaker waker, Result result) {
            this.port = port;
            this.plan = plan;
            this.expectedIn = expectedIn;
            this.parking = parking;
            this.waker = waker;
            this.result = result;
            this.random = new SplittableRandom(port.shard());
        }

        @Override
        public void run() {
            try {
                loop();
            } catch (Throwable t) {
                result.firstFailure.compareAndSet(null, t);
            }
        }

        private void loop() {
            ParkingLot lot = port.parking();
            IdleBackoff backoff = new IdleBackoff(parking ? IdlePolicy.lowCpu() : IdlePolicy.forShards(1, 4));
            int me = port.shard();
            int next = 0;
            boolean park = false;
            while (result.firstFailure.get() == null) {
                int work = 0;
                if (park) {
                    lot.announcePark(me);
                    work = port.drainInbound(this, 8);
                    if (work == 0) {
                        parks++;
                        if (waker.block(BACKSTOP_NANOS)) {
                            backstopExpiries++;
                        }
                    }
                    lot.clearPark(me);
                }
                work += port.drainInbound(this, 8);
                work += port.flushBacklogs();
                // A shard with messages left sends 1 to 6 (1 when parking, so peers go idle in
                // between); only a shard that has sent everything can be idle.
                int burst = parking ? 1 : 1 + random.nextInt(6);
                for (int i = 0; i < burst && next < plan.length; i++, next++) {
                    send(plan[next]);
                    work++;
                }
                port.publishAll();
                port.wakeParkedPeers();
                if (next == plan.length && !port.hasBacklog() && receivedIn == expectedIn) {
                    return;
                }
                park = backoff.idle(work, port.hasBacklog());
            }
        }

        private void send(int to) {
            int seq = sentTo[to]++;
            int length = lengthOf(seq);
            if ((seq & 1) == 0) {
                scratch.set(ValueLayout.JAVA_INT, 0, seq);
                for (int i = 4; i < length; i++) {
                    scratch.set(ValueLayout.JAVA_BYTE, i, (byte) (seq ^ i));
                }
                port.offer(to, port.shard(), scratch, 0, length);
            } else {
                long offset = port.claim(to, port.shard(), length);
                MemorySegment target = port.claimedSegment();
                target.set(ValueLayout.JAVA_INT_UNALIGNED, offset, seq);
                for (int i = 4; i < length; i++) {
                    target.set(ValueLayout.JAVA_BYTE, offset + i, (byte) (seq ^ i));
                }
                port.commit();
            }
        }

        @Override
        public void onRecord(int type, MemorySegment segment, long offset, int length) {
            check(type, segment, offset, length);
        }

        @Override
        public void onBlock(int type, MemorySegment block, Arena owner) {
            check(type, block, 0, (int) block.byteSize());
            owner.close();
        }

        private void check(int from, MemorySegment segment, long offset, int length) {
            if (from != port.drainingFrom()) {
                throw new AssertionError("record of shard " + from + " arrived on the ring from " + port.drainingFrom());
            }
            int seq = segment.get(ValueLayout.JAVA_INT_UNALIGNED, offset);
            if (seq != nextSeq[from] || length != lengthOf(seq)) {
                throw new AssertionError("shard " + port.shard() + " expected seq " + nextSeq[from] + " from " + from
                        + " but got " + seq + " (length " + length + ")");
            }
            for (int i = 4; i < length; i++) {
                if (segment.get(ValueLayout.JAVA_BYTE, offset + i) != (byte) (seq ^ i)) {
                    throw new AssertionError("corrupt byte " + i + " of seq " + seq + " from " + from);
                }
            }
            nextSeq[from]++;
            receivedIn++;
        }
    }
}
