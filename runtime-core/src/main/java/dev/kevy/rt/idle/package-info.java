/**
 * How an idle shard waits: the {@link dev.kevy.rt.idle.IdlePolicy} settings and their defaults,
 * the {@link dev.kevy.rt.idle.IdleBackoff} state machine, and the tick cadence.
 */
package dev.kevy.rt.idle;
