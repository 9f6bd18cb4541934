/**
 * The single-producer/single-consumer ring of variable-length records over off-heap memory, with
 * ownership handoff of off-heap blocks for messages of any size. Start at
 * {@link dev.kevy.rt.ring.SpscRing}.
 */
package dev.kevy.rt.ring;
