/**
 * The line service: newline-delimited requests in their own codec, where every byte but LF is
 * data. The inputs that break a service built on RESP's inline commands (double spaces, empty
 * lines, lines starting with {@code *}, NUL bytes) are ordinary lines here.
 *
 * <ul>
 *   <li>{@link dev.kevy.examples.line.LineCodec}: framing, the fields (verb, then the text after
 *       the first space), the line limit and its error;</li>
 *   <li>{@link dev.kevy.examples.line.LineHandler}: PING, ECHO, UPPER; every request runs on the
 *       shard that read it;</li>
 *   <li>{@link dev.kevy.examples.line.LineExample}: {@code make example NAME=line} (port 7000).</li>
 * </ul>
 */
package dev.kevy.examples.line;
