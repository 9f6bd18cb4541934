/** The command table, the keyspace and the server's entry point. */
package dev.kevy.server;
