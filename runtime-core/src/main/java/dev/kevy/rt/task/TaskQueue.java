package dev.kevy.rt.task;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

// Padding by class chain: the JVM lays superclass fields first, so each group of mutable fields
// below sits between two 128-byte pads. The producers' index (CAS'd by every producer), their
// shared limit (read by every producer, written when it runs out) and the consumer's index (written
// by the consumer on every element) would otherwise share a cache line and slow each other down.
// The fields are plain; TaskQueue reaches them only through VarHandles whose access mode (and name:
// lv, la, so, lp, cas) says the order.
abstract class TaskQueuePad0 {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p0a, p0b, p0c, p0d, p0e, p0f;
}

abstract class TaskQueueProducerIndex extends TaskQueuePad0 {
    /** Next position a producer will claim; producers advance it by CAS. */
    long producerIndex;
}

abstract class TaskQueuePad1 extends TaskQueueProducerIndex {
    long p10, p11, p12, p13, p14, p15, p16, p17, p18, p19, p1a, p1b, p1c, p1d, p1e, p1f;
}

abstract class TaskQueueProducerLimit extends TaskQueuePad1 {
    /**
     * Positions below this are known free: {@code consumerIndex + capacity} as some producer last
     * read it. It only ever lags the truth (the consumer index never goes back), so a stale value
     * makes a producer re-read the consumer index, never overwrite a live slot.
     */
    long producerLimit;
}

abstract class TaskQueuePad2 extends TaskQueueProducerLimit {
    long p20, p21, p22, p23, p24, p25, p26, p27, p28, p29, p2a, p2b, p2c, p2d, p2e, p2f;
}

abstract class TaskQueueConsumerIndex extends TaskQueuePad2 {
    /** Next position the consumer will read; written by the consumer thread only. */
    long consumerIndex;
}

abstract class TaskQueuePad3 extends TaskQueueConsumerIndex {
    long p30, p31, p32, p33, p34, p35, p36, p37, p38, p39, p3a, p3b, p3c, p3d, p3e, p3f;
}

/**
 * A bounded, lock-free queue of object references with many producer threads and one consumer
 * thread: how any thread hands a task or a message to a shard.
 *
 * <h2>Protocol</h2>
 * A producer claims a position by CAS on {@code producerIndex}, then stores its element into that
 * position's slot with a release store. The consumer reads the slot at {@code consumerIndex} with
 * an acquire load: {@code null} means nothing is there yet (either nothing was offered, or the
 * producer that claimed the position has not stored yet). Otherwise it clears the slot and moves
 * {@code consumerIndex} on with a release store, which gives the slot back to the producers. A
 * producer claims a position only below {@code consumerIndex + capacity}, so the slot it writes
 * was cleared by the consumer first.
 *
 * <p>Elements from one producer are consumed in the order that producer offered them; elements of
 * different producers interleave in the order of their claims. The consumer never waits for a
 * producer that has claimed but not stored: it stops at that slot and finds the element on a later
 * drain (the producer wakes it if it parked, see {@link ShardInbox}).
 *
 * <h2>Naming</h2>
 * As in JCTools: {@code lv} volatile load, {@code la} acquire load, {@code lp} plain load,
 * {@code so} release ("ordered") store, {@code sp} plain store, {@code cas} compare-and-set. Each
 * ordered access says which access on the other side it pairs with.
 *
 * <p>{@link #offer} never blocks and never allocates: a full queue returns {@code false}, and what
 * to do then (retry, drop, answer "busy") is the caller's backpressure decision. The consumer's
 * {@link #drain} and {@link #poll} allocate nothing either.
 *
 * @param <T> element type; {@code null} is not a valid element
 */
public final class TaskQueue<T> extends TaskQueuePad3 {
    /**
     * Unused slots at each end of the array, 128 bytes or more: no slot shares a cache line with
     * the array's header or with the object after it.
     */
    private static final int SLOT_PAD = 32;
    private static final int MAX_CAPACITY = 1 << 30;

    private static final VarHandle PRODUCER_INDEX;
    private static final VarHandle PRODUCER_LIMIT;
    private static final VarHandle CONSUMER_INDEX;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PRODUCER_INDEX = lookup.findVarHandle(TaskQueueProducerIndex.class, "producerIndex", long.class);
            PRODUCER_LIMIT = lookup.findVarHandle(TaskQueueProducerLimit.class, "producerLimit", long.class);
            CONSUMER_INDEX = lookup.findVarHandle(TaskQueueConsumerIndex.class, "consumerIndex", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Object[] slots;
    private final int mask;

    /**
     * An empty queue of {@code capacity} elements.
     *
     * @param capacity a power of two, from 1 to 2^30
     */
    public TaskQueue(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two in [1, 2^30]: " + capacity);
        }
        this.slots = new Object[capacity + 2 * SLOT_PAD];
        this.mask = capacity - 1;
        // Plain: a producer that still saw the default 0 would only re-read the consumer index.
        PRODUCER_LIMIT.set(this, (long) capacity);
    }

    /** Elements the queue holds when full. */
    public int capacity() {
        return mask + 1;
    }

    /**
     * Adds {@code element} at the tail, from any thread. Never blocks, never allocates.
     *
     * @return {@code false} if the queue is full (nothing was added)
     * @throws NullPointerException if {@code element} is null
     */
    public boolean offer(T element) {
        Objects.requireNonNull(element, "element");
        long limit = lvProducerLimit();
        long index;
        do {
            index = lvProducerIndex();
            if (index >= limit) {
                // The cached limit says full: read the consumer's real progress.
                limit = laConsumerIndex() + capacity();
                if (index >= limit) {
                    return false;
                }
                soProducerLimit(limit);
            }
        } while (!casProducerIndex(index, index + 1));
        soSlot(offset(index), element);
        return true;
    }

    /**
     * Removes and returns the head element, or {@code null} if it is not there yet. Consumer thread
     * only.
     */
    public T poll() {
        long index = lpConsumerIndex();
        int offset = offset(index);
        Object element = laSlot(offset);
        if (element == null) {
            return null;
        }
        spSlot(offset, null);
        soConsumerIndex(index + 1);
        return cast(element);
    }

    /**
     * Hands up to {@code limit} elements, oldest first, to {@code sink}, and returns how many.
     * Consumer thread only; allocates nothing.
     *
     * <p>Each element's slot is given back to the producers before {@code sink} sees it, so an
     * element whose sink call throws counts as consumed: a poison task cannot wedge the queue.
     * The drain stops early at a position a producer has claimed but not yet filled.
     */
    public int drain(TaskSink<? super T> sink, int limit) {
        long index = lpConsumerIndex();
        int count = 0;
        while (count < limit) {
            int offset = offset(index);
            Object element = laSlot(offset);
            if (element == null) {
                break;
            }
            spSlot(offset, null);
            index++;
            soConsumerIndex(index);
            count++;
            T task = cast(element);
            sink.accept(task);
        }
        return count;
    }

    /**
     * Whether the next element in order is absent: nothing was offered, or its producer has
     * claimed the position and not stored yet. Consumer thread only; this is the check a shard
     * makes after announcing its park (see {@link ShardInbox} for the pairing).
     */
    public boolean isEmpty() {
        return laSlot(offset(lpConsumerIndex())) == null;
    }

    /**
     * Elements offered and not yet consumed, counting claimed positions whose element is not yet
     * stored. From any thread, a snapshot that may be stale at once; for monitoring.
     */
    public int size() {
        // Consumer index first: read the other way round, a drain between the two loads could make
        // the difference negative.
        long consumed = lvConsumerIndex();
        long produced = lvProducerIndex();
        return (int) Math.max(0, Math.min(capacity(), produced - consumed));
    }

    private int offset(long index) {
        return SLOT_PAD + ((int) index & mask);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object element) {
        return (T) element;
    }

    private long lvProducerIndex() {
        return (long) PRODUCER_INDEX.getVolatile(this);
    }

    private boolean casProducerIndex(long expected, long next) {
        // Volatile CAS: claims the position; orders nothing about the slot, which soSlot publishes.
        return PRODUCER_INDEX.compareAndSet(this, expected, next);
    }

    private long lvProducerLimit() {
        // Volatile (at least acquire): pairs with soProducerLimit in another producer, which read
        // the consumer index with laConsumerIndex first; the chain makes the consumer's clearing
        // of the slots below the limit visible to us before we store into them.
        return (long) PRODUCER_LIMIT.getVolatile(this);
    }

    private void soProducerLimit(long limit) {
        // Release: pairs with lvProducerLimit in other producers (see there).
        PRODUCER_LIMIT.setRelease(this, limit);
    }

    private long laConsumerIndex() {
        // Acquire: pairs with soConsumerIndex; the consumer's clearing of every slot below the index
        // it stored happens-before our store into one of them.
        return (long) CONSUMER_INDEX.getAcquire(this);
    }

    private long lvConsumerIndex() {
        return (long) CONSUMER_INDEX.getVolatile(this);
    }

    private long lpConsumerIndex() {
        // Plain: only the consumer thread writes it, and this is the consumer thread.
        return (long) CONSUMER_INDEX.get(this);
    }

    private void soConsumerIndex(long index) {
        // Release: pairs with laConsumerIndex in offer; the slot was read and cleared before the
        // producers may claim its next lap.
        CONSUMER_INDEX.setRelease(this, index);
    }

    private void soSlot(int offset, Object element) {
        // Release: pairs with laSlot in the consumer; everything the producer wrote into the
        // element before offering it is visible to the consumer that loads the reference.
        SLOT.setRelease(slots, offset, element);
    }

    private Object laSlot(int offset) {
        // Acquire: pairs with soSlot in offer (see there).
        return SLOT.getAcquire(slots, offset);
    }

    private void spSlot(int offset, Object element) {
        // Plain: ordered before the producers' next store to this slot by soConsumerIndex, which
        // follows it, and laConsumerIndex, which precedes their claim.
        SLOT.set(slots, offset, element);
    }
}
