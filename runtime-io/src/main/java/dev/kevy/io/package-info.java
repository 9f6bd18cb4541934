/** The shard event loop and everything in it that touches the OS. */
package dev.kevy.io;
