/**
 * The park/wake protocol: per-shard parked flags, the fences that make a lost wake impossible,
 * and the abstract {@link dev.kevy.rt.park.Waker} that the I/O layer implements.
 */
package dev.kevy.rt.park;
