/**
 * Off-heap connection buffers, pooled per shard: the {@link dev.kevy.rt.buffer.BufferPool} of
 * size-classed blocks, the contiguous {@link dev.kevy.rt.buffer.InputBuffer} a command is parsed
 * in place from, the chunked {@link dev.kevy.rt.buffer.OutputBuffer} replies wait in, and
 * {@link dev.kevy.rt.buffer.OrderedReplies}, which releases a connection's replies in command
 * order. Single-threaded by design: everything here belongs to one shard thread.
 */
package dev.kevy.rt.buffer;
