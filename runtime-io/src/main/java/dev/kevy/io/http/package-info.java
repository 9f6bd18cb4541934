/**
 * HTTP/1.1 as a codec ({@link dev.kevy.io.http.HttpCodec}): requests decoded in place into the
 * field layout of {@link dev.kevy.io.http.HttpRequest}, responses written without allocating by
 * {@link dev.kevy.io.http.HttpResponse}, the {@code Date} value cached per second by
 * {@link dev.kevy.io.http.HttpDate}, and {@link dev.kevy.io.http.HttpLimits}. No system calls, no
 * allocation per request, no privilege over any other codec.
 *
 * <h2>What is accepted</h2>
 * RFC 9112, strictly, because a server that reads a request differently from a proxy in front of
 * it can be made to see a request the proxy never saw (request smuggling). Being strict costs
 * nothing a conforming client sends.
 * <ul>
 *   <li>Lines end in CR LF. A bare LF anywhere in the head is {@code 400} (RFC 9112 allows a
 *       recipient to accept it; accepting it is how parsers come to disagree on where a head ends),
 *       and so is a bare CR (the grammar has no place for one).</li>
 *   <li>Request line: {@code token SP target SP HTTP/d.d CRLF}, single spaces, the target any
 *       visible ASCII (its form is the handler's business: a handler that knows no
 *       {@code http://...} target answers 404). Anything else is {@code 400}; a well-formed
 *       version other than {@code HTTP/1.0} and {@code HTTP/1.1} is {@code 505}.</li>
 *   <li>Headers: {@code token ":" OWS value OWS}; no space before the colon, no control bytes in
 *       the value (tab excepted); bytes from 0x80 are kept as they are. Otherwise {@code 400}. A
 *       line starting with a space or tab (obsolete line folding) is {@code 400}, which RFC 9112
 *       allows and which avoids rewriting the value.</li>
 *   <li>Empty lines before a request line are skipped (some clients end a body with an extra
 *       CR LF).</li>
 *   <li>{@code Host}: an HTTP/1.1 request needs exactly one, any request at most one
 *       ({@code 400} otherwise, RFC 9112 section 3.2). Its value is not interpreted.</li>
 *   <li>Body: {@code Content-Length} only. A value that is not all digits is {@code 400}; repeated
 *       lines must agree ({@code 400} if not; a comma list is not a number, so also {@code 400}).
 *       Any {@code Transfer-Encoding} is {@code 501} (chunked bodies are not implemented), and
 *       {@code 400} when it comes with a {@code Content-Length}: the classic smuggling pair. A
 *       {@code POST} or {@code PUT} without {@code Content-Length} is {@code 411}, since it
 *       cannot be framed and a body-less one is rare; other methods without it have no body.
 *       A length above {@link dev.kevy.io.http.HttpLimits#maxBodyBytes()} is {@code 413}, sent as
 *       soon as the head is read.</li>
 *   <li>Size: a head (request line to empty line) over
 *       {@link dev.kevy.io.http.HttpLimits#maxHeaderBytes()} is {@code 431}, or {@code 414} when
 *       the request line alone does not end within it; more header lines than
 *       {@link dev.kevy.io.http.HttpLimits#maxHeaders()} is {@code 431}.</li>
 *   <li>{@code Expect: 100-continue} is not answered with an interim {@code 100}: the client waits
 *       a moment, then sends the body anyway, which is read as usual.</li>
 * </ul>
 * Each error ({@link dev.kevy.io.http.HttpError}) is answered with its status,
 * {@code Date}, {@code Content-Type: text/plain}, {@code Content-Length},
 * {@code Connection: close} and a one-line body naming the problem, and the connection closes:
 * after a framing error the rest of the stream cannot be trusted to start a request. Checks run
 * in byte order, so an input gets the same answer however it was split into reads.
 *
 * <h2>Persistence and pipelining</h2>
 * {@link dev.kevy.io.http.HttpRequest#keepAlive} says whether the client wants the connection
 * kept (HTTP/1.1 unless {@code Connection: close}; HTTP/1.0 only with
 * {@code Connection: keep-alive}); the handler answers with
 * {@link dev.kevy.io.http.HttpResponse#connection} and, to close, {@code Session.closeAfterReply()}.
 * Pipelined requests need nothing: the runtime answers each request in order.
 *
 * <h2>Internal errors</h2>
 * {@link dev.kevy.io.http.HttpCodec#writeInternalError} writes a well-formed {@code 500} without
 * {@code Connection: close}: the runtime keeps the connection, and so does the client.
 */
package dev.kevy.io.http;
