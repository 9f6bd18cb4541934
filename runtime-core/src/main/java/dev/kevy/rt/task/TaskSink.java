package dev.kevy.rt.task;

/**
 * Receives the elements of a {@link TaskQueue#drain drain}, one call per element, on the consumer
 * thread.
 *
 * <p>Implement it once, on a long-lived object (the shard or its dispatcher), and pass that object
 * to every drain: a lambda that captures state would be a new object per drain and break the
 * shard's zero-allocation loop.
 *
 * @param <T> element type
 */
@FunctionalInterface
public interface TaskSink<T> {

    /**
     * One element, already removed from the queue: the queue keeps no reference to it, and an
     * exception thrown here does not put it back.
     */
    void accept(T task);
}
