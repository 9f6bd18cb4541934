/**
 * Tasks and messages from any thread to a shard: a bounded multi-producer, single-consumer
 * {@link dev.kevy.rt.task.TaskQueue} and the {@link dev.kevy.rt.task.ShardInbox} that pairs it with
 * the shard's parked flag.
 *
 * <p>The shards talk to each other through SPSC rings (one per ordered pair); a thread that is not a
 * shard (an embedder's thread, a timer library, a blocking call finishing elsewhere) has no ring,
 * so it goes through the shard's inbox. A producer claims a slot by CAS and fills it with a release
 * store; the shard drains slots in order with acquire loads, clears them and gives them back with a
 * release store of its index.
 *
 * <p>The wake handshake is the park/wake protocol of {@code dev.kevy.rt.park} with one target: the
 * shard stores its parked flag, fences, and re-checks the inbox; a producer stores its task,
 * fences, and reads the flag. One of the two always sees the other, so a task never waits for the
 * park timeout. The protocol and its pairings are spelled out on {@link dev.kevy.rt.task.ShardInbox}.
 *
 * <p>The inbox is bounded: a full inbox refuses the task ({@code submit} returns {@code false})
 * rather than growing or blocking, so a flood from outside cannot exhaust the heap or stall the
 * producer's thread.
 */
package dev.kevy.rt.task;
