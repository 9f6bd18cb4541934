/**
 * The kv-binary service: a length-prefixed binary protocol whose keys live on the shards that own
 * them. A request is framed in place into three fields (opcode, key, value) and, when its key
 * belongs to another shard, travels there as those fields; the response comes back in order.
 *
 * <ul>
 *   <li>{@link dev.kevy.examples.kv.KvProtocol}: the frame layouts, opcodes and statuses;</li>
 *   <li>{@link dev.kevy.examples.kv.KvCodec}: framing, the frame limit, early framing errors and
 *       the size hint that lets a large frame grow the input buffer once;</li>
 *   <li>{@link dev.kevy.examples.kv.KvHandler} and {@code KvStore}: routing by key and each
 *       shard's off-heap store, which allocates nothing per request;</li>
 *   <li>{@link dev.kevy.examples.kv.KvBinaryExample}: {@code make example NAME=kv-binary} (port 7001).</li>
 * </ul>
 */
package dev.kevy.examples.kv;
