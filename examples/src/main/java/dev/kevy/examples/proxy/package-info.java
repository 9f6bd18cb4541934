/**
 * A Redis proxy on kevy's outbound connections: {@link dev.kevy.examples.proxy.ProxyExample}
 * starts it, {@link dev.kevy.examples.proxy.ProxyHandler} is one shard's upstream connection.
 */
package dev.kevy.examples.proxy;
