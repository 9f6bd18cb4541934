/**
 * The Netty baseline: a Redis-compatible server written the way a Java team would write one first
 * (Netty epoll, netty-codec-redis, a ConcurrentHashMap keyspace), to compare kevy against.
 */
package dev.kevy.bench.netty;
