/**
 * The off-heap keyspace of one shard: a single-threaded hash index with incremental rehash
 * ({@code Dict} over Robin Hood {@code HashTable}s), a size-class block allocator for keys and
 * values ({@code BlockAllocator}), an index of the keys that have an expiry ({@code ExpiryIndex}),
 * the entry-level steps that keep them consistent ({@code Entries}) and the
 * string semantics on top ({@link dev.kevy.server.store.Keyspace}). Nothing here allocates
 * on the heap in steady state.
 */
package dev.kevy.server.store;
