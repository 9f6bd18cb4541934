/**
 * JMH benchmarks of the SPSC ring against Agrona's {@code OneToOneRingBuffer} and JCTools'
 * {@code SpscArrayQueue}: throughput and round-trip latency for 16-, 64- and 256-byte records,
 * one at a time and in batches of 16, plus the two-thread {@code AtomicLong} ping-pong floor.
 */
package dev.kevy.bench.ring;
