package dev.kevy.rt.park;

/**
 * Wakes one shard out of its blocking wait. Implementations live where the blocking happens:
 * an eventfd or pipe write for an epoll shard, {@code EVFILT_USER} for kqueue (in runtime-io), an
 * in-memory flag in tests.
 *
 * <p>{@link ParkingLot#wakeParked} calls it from another shard's thread, at most once per target
 * per loop iteration; {@link ParkingLot#wakeIfParked} calls it from any thread that submitted a
 * task, once per task. It must be safe to call from any thread, must not block, and must stay
 * correct when called while the target is not blocked (the target then returns at once from its
 * next wait, or sees the wake as a spurious event and carries on).
 */
public interface Waker {

    /** Makes the target's current or next blocking wait return. */
    void wake();
}
