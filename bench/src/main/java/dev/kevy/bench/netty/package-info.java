/**
 * The Netty baselines, written the way a Java team would write them first, to compare kevy against:
 * a Redis-compatible server (Netty epoll, netty-codec-redis, a ConcurrentHashMap keyspace) and an
 * HTTP/1.1 server with TechEmpower's plaintext and JSON routes (Netty epoll, netty-codec-http).
 */
package dev.kevy.bench.netty;
