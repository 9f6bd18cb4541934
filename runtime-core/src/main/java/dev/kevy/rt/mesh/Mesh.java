package dev.kevy.rt.mesh;

import dev.kevy.rt.park.ParkingLot;
import dev.kevy.rt.ring.RingConsumer;
import dev.kevy.rt.ring.RingDescriptor;
import dev.kevy.rt.ring.RingProducer;
import dev.kevy.rt.ring.SpscRing;

import java.lang.foreign.Arena;
import java.util.Objects;

/**
 * All-to-all links between N shards: one {@link SpscRing} per ordered pair, N*(N-1) in all, and
 * one {@link MeshPort} per shard holding its outbound rings (with a {@link Backlog} each) and its
 * inbound rings. Shards share nothing else except the {@link ParkingLot}.
 *
 * <p>Build the mesh before the shard threads start and give each thread its own port; the thread
 * start publishes everything safely. {@link #close()} frees the rings once every shard has stopped.
 *
 * <p>Sizing: each ring's capacity bounds one burst between a pair before records spill to the
 * backlog, and an eighth of it is the largest message sent inline. The default,
 * {@value #DEFAULT_RING_CAPACITY} bytes, carries values up to 32 KiB inline and costs
 * {@code N*(N-1)} times that in memory (about 60 MiB for 16 shards).
 */
public final class Mesh implements AutoCloseable {
    /** Ring capacity when none is given: 256 KiB. */
    public static final int DEFAULT_RING_CAPACITY = 256 * 1024;

    private final ParkingLot parking;
    private final Arena arena;
    private final boolean ownsArena;
    private final SpscRing[][] rings;
    private final MeshPort[] ports;

    /** A mesh for {@code parking.shards()} shards with default rings, in memory it owns. */
    public Mesh(ParkingLot parking) {
        this(parking, DEFAULT_RING_CAPACITY);
    }

    /** A mesh with rings of {@code ringCapacity} bytes (a power of two), in memory it owns. */
    public Mesh(ParkingLot parking, int ringCapacity) {
        this(parking, ringCapacity, SpscRing.DEFAULT_BLOCK_SLOTS, Arena.ofShared(), true);
    }

    /**
     * A mesh whose rings come from {@code arena}, which the caller owns and closes (it must allow
     * access from every shard thread: shared, auto or global).
     */
    public Mesh(ParkingLot parking, int ringCapacity, int blockSlots, Arena arena) {
        this(parking, ringCapacity, blockSlots, arena, false);
    }

    private Mesh(ParkingLot parking, int ringCapacity, int blockSlots, Arena arena, boolean ownsArena) {
        this.parking = Objects.requireNonNull(parking, "parking");
        this.arena = Objects.requireNonNull(arena, "arena");
        this.ownsArena = ownsArena;
        RingDescriptor.checkCapacity(ringCapacity);
        int shards = parking.shards();
        int maxRecordLength = RingDescriptor.maxRecordLength(ringCapacity);
        this.rings = new SpscRing[shards][shards];
        for (int from = 0; from < shards; from++) {
            for (int to = 0; to < shards; to++) {
                if (from != to) {
                    rings[from][to] = SpscRing.allocate(arena, ringCapacity, blockSlots);
                }
            }
        }
        this.ports = new MeshPort[shards];
        for (int me = 0; me < shards; me++) {
            RingProducer[] outbound = new RingProducer[shards];
            RingConsumer[] inbound = new RingConsumer[shards];
            Backlog[] backlogs = new Backlog[shards];
            for (int peer = 0; peer < shards; peer++) {
                if (peer != me) {
                    outbound[peer] = rings[me][peer].producer();
                    inbound[peer] = rings[peer][me].consumer();
                    backlogs[peer] = new Backlog(ringCapacity, maxRecordLength);
                }
            }
            ports[me] = new MeshPort(me, outbound, inbound, backlogs, parking, maxRecordLength);
        }
    }

    /** Number of shards. */
    public int shards() {
        return ports.length;
    }

    /** Shard {@code shard}'s port; use it from that shard's thread only. */
    public MeshPort port(int shard) {
        return ports[shard];
    }

    /** The ring carrying records from {@code from} to {@code to} (for monitoring and tests). */
    public SpscRing ring(int from, int to) {
        if (from == to) {
            throw new IllegalArgumentException("no ring from a shard to itself: " + from);
        }
        return rings[from][to];
    }

    /** The parked flags and wakers this mesh wakes through. */
    public ParkingLot parking() {
        return parking;
    }

    /**
     * Frees the rings if this mesh allocated them. Call only after every shard thread has stopped;
     * blocks still in flight are not freed.
     */
    @Override
    public void close() {
        if (ownsArena) {
            arena.close();
        }
    }
}
