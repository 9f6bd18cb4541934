/**
 * The codec SPI: how a listener's protocol is framed. A {@link dev.kevy.io.codec.Codec} makes a
 * {@link dev.kevy.io.codec.Decoder} per connection slot, which decodes requests in place from the
 * off-heap input buffer into a {@link dev.kevy.io.codec.Request} view of byte fields; handlers read
 * the fields without copying, and requests cross between shards as those fields. Also the
 * Redis-exact {@link dev.kevy.io.codec.NumberParser} that {@code Request} uses to read numbers.
 */
package dev.kevy.io.codec;
