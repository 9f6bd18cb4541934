package dev.kevy.rt.task;

import dev.kevy.rt.park.ParkingLot;

import java.util.Objects;

/**
 * One shard's inbox for tasks and messages from any thread: a bounded {@link TaskQueue} plus the
 * wake that gets a parked shard to look at it.
 *
 * <h2>The handshake</h2>
 * The shard (the consumer), when it parks:
 * <ol>
 *   <li>{@link ParkingLot#announcePark}: store its parked flag, then a full fence;</li>
 *   <li>re-check: {@link #isEmpty()} (an acquire load of the next slot), beside its rings;</li>
 *   <li>block only if that found nothing.</li>
 * </ol>
 * A submitter (any producer), in {@link #submit}: the queue's release store of the task into its
 * slot, then {@link ParkingLot#wakeIfParked}: a full fence, a volatile load of the shard's flag,
 * and a wake if it is set.
 *
 * <p>Each side stores, fences, then loads what the other stored, so the two cannot both miss:
 * if the submitter's flag load returned 0, its fence came before the shard's, so its slot store
 * (before its fence) is visible to the shard's re-check (after its own). Either the re-check sees
 * the task or the submitter sees the flag and wakes the shard. With several submitters the shard
 * waits on one slot, the next in order, and the submitter of that slot makes this check after
 * storing into it. (jcstress: {@code dev.kevy.stress.task.TaskSubmitParkTest}, and
 * {@code TaskSubmitWithoutFenceTest} shows the lost wake once the submitter's fence is gone.)
 *
 * <p>{@link #submit} never blocks: a full inbox returns {@code false} and the caller decides what
 * backpressure means for it. It costs one CAS, one release store and one full fence, and a wake
 * (a system call in runtime-io) only when the shard is parked.
 *
 * @param <T> element type
 */
public final class ShardInbox<T> {
    private final TaskQueue<T> queue;
    private final ParkingLot parking;
    private final int shard;

    /**
     * An empty inbox for {@code shard}, woken through {@code parking}.
     *
     * @param capacity a power of two, from 1 to 2^30
     */
    public ShardInbox(int capacity, ParkingLot parking, int shard) {
        this.parking = Objects.requireNonNull(parking, "parking");
        this.shard = Objects.checkIndex(shard, parking.shards());
        this.queue = new TaskQueue<>(capacity);
    }

    /** The shard this inbox belongs to. */
    public int shard() {
        return shard;
    }

    /** Tasks the inbox holds when full. */
    public int capacity() {
        return queue.capacity();
    }

    /**
     * Hands {@code task} to the shard from any thread, and wakes the shard if it is parked. Never
     * blocks, never allocates.
     *
     * @return {@code false} if the inbox is full (the task was not taken and no wake was sent)
     * @throws NullPointerException if {@code task} is null
     */
    public boolean submit(T task) {
        if (!queue.offer(task)) {
            return false;
        }
        // After the slot's release store inside offer: fence, flag load, wake (see the class doc).
        parking.wakeIfParked(shard);
        return true;
    }

    /**
     * Hands up to {@code limit} tasks, oldest first, to {@code sink}; the shard's thread only.
     *
     * @return tasks handed over
     * @see TaskQueue#drain
     */
    public int drain(TaskSink<? super T> sink, int limit) {
        return queue.drain(sink, limit);
    }

    /**
     * Whether there is no task to take now; the shard's thread only. This is step 2 of the park
     * handshake: call it after {@link ParkingLot#announcePark}.
     */
    public boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Tasks submitted and not yet drained: a snapshot from any thread, for monitoring. */
    public int size() {
        return queue.size();
    }
}
