/**
 * JMH benchmarks of the OS boundary (dev.kevy.sys): what one FFM syscall costs, critical versus
 * normal downcalls, the errno segment found on a shard's thread versus any other, and a zero-timeout
 * epoll_wait against {@code Selector.selectNow()}.
 * JMH runs from the class path, so each fork grants native access to the unnamed module.
 */
package dev.kevy.bench.sys;
