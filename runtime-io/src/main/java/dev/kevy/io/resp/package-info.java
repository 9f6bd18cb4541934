/**
 * RESP2 framing: the in-place command {@link dev.kevy.io.resp.RespParser} with its per-connection
 * {@link dev.kevy.io.resp.RespParseState} and reusable {@link dev.kevy.io.resp.RespCommand} view,
 * the {@link dev.kevy.io.resp.RespWriter} of replies, Redis-exact number parsing
 * ({@link dev.kevy.io.resp.NumberParser}), and the protocol limits and errors of Redis 7. No
 * system calls and no allocation on the hot paths.
 */
package dev.kevy.io.resp;
