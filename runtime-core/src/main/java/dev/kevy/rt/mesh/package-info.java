/**
 * The all-to-all ring mesh between shards, with a per-target backlog so that a full ring never
 * blocks its producer and all traffic between two shards keeps one FIFO order. Start at
 * {@link dev.kevy.rt.mesh.Mesh} and {@link dev.kevy.rt.mesh.MeshPort}.
 */
package dev.kevy.rt.mesh;
