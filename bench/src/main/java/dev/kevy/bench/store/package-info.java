/** Microbenchmarks of the off-heap keyspace ({@code dev.kevy.server.store}). */
package dev.kevy.bench.store;
