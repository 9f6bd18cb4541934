/** Off-heap rings, the shard mesh with its backlog, and the park/wake protocol. */
package dev.kevy.rt;
