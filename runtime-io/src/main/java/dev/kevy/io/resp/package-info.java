/**
 * RESP2 as a codec ({@link dev.kevy.io.resp.RespCodec}): the in-place command
 * {@link dev.kevy.io.resp.RespParser} with its per-connection {@link dev.kevy.io.resp.RespParseState},
 * the {@link dev.kevy.io.resp.RespWriter} of replies, the {@link dev.kevy.io.resp.RespReducers} of
 * fanned-out replies, and the protocol limits and errors of Redis 7. Also the other direction:
 * {@link dev.kevy.io.resp.RespReplyCodec}, whose {@link dev.kevy.io.resp.RespReplyDecoder} frames
 * the RESP2/RESP3 replies of a server the runtime connected to, one whole reply per frame. No
 * system calls and no allocation on the hot paths; no privilege over any other codec.
 */
package dev.kevy.io.resp;
