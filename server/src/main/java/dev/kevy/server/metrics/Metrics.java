package dev.kevy.server.metrics;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.Commands;
import dev.kevy.io.Session;
import dev.kevy.io.ShardContext;
import dev.kevy.io.codec.Request;
import dev.kevy.io.http.HttpRequest;
import dev.kevy.io.http.HttpResponse;
import dev.kevy.rt.buffer.OutputBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The server's Prometheus endpoint ({@code --metrics-port}): a second listener of the same
 * runtime, in HTTP/1.1 ({@code dev.kevy.io.http.HttpCodec}), served by the same shards as the
 * Redis clients. {@code GET /metrics} (or {@code /}) answers the page of {@link MetricsPage};
 * anything else is a 404, a method other than GET or HEAD a 405. Keep-alive and pipelining work
 * as for any HTTP listener; the shard that accepted a scrape renders it, reading every shard's
 * published counters, so a scrape never stops another shard.
 */
public final class Metrics implements Commands {

    private static final byte[] GET = ascii("GET");
    private static final byte[] HEAD = ascii("HEAD");
    private static final byte[] METRICS = ascii("/metrics");
    private static final byte[] ROOT = ascii("/");
    private static final byte[] CONTENT_TYPE = HttpResponse.headerLine("Content-Type", MetricsPage.CONTENT_TYPE);
    private static final byte[] TEXT = HttpResponse.headerLine("Content-Type", "text/plain; charset=utf-8");
    private static final byte[] ALLOW = HttpResponse.headerLine("Allow", "GET, HEAD");
    private static final byte[] SERVER = HttpResponse.headerLine("Server", "kevy");
    private static final byte[] NOT_FOUND = ascii("not found: try /metrics\n");
    private static final byte[] NOT_ALLOWED = ascii("method not allowed\n");

    private final ShardGauges gauges;

    /** @param gauges what the Redis handlers publish each tick (key counts) */
    public Metrics(ShardGauges gauges) {
        this.gauges = gauges;
    }

    @Override
    public CommandHandler forShard(ShardContext context) {
        return new Handler(context, new MetricsPage(context, gauges));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static final class Handler implements CommandHandler {
        private final MetricsPage page;
        /** The page is rendered here first: its length goes in the head, before it. */
        private final OutputBuffer body;

        Handler(ShardContext context, MetricsPage page) {
            this.page = page;
            this.body = new OutputBuffer(context.pool(), Long.MAX_VALUE);
        }

        @Override
        public int route(Request request, Session session) {
            return HERE;
        }

        @Override
        public void execute(Request request, Session session, OutputBuffer reply) {
            boolean keepAlive = HttpRequest.keepAlive(request);
            boolean http10 = HttpRequest.isHttp10(request);
            boolean head = HttpRequest.methodIs(request, HEAD);
            if (!keepAlive) {
                session.closeAfterReply();
            }
            if (!head && !HttpRequest.methodIs(request, GET)) {
                respond(reply, 405, ALLOW, NOT_ALLOWED, keepAlive, http10, false);
            } else if (!HttpRequest.pathEquals(request, METRICS) && !HttpRequest.pathEquals(request, ROOT)) {
                respond(reply, 404, null, NOT_FOUND, keepAlive, http10, head);
            } else {
                page.render(body);
                HttpResponse.status(reply, 200);
                HttpResponse.header(reply, SERVER);
                HttpResponse.header(reply, CONTENT_TYPE);
                HttpResponse.connection(reply, keepAlive, http10);
                HttpResponse.endHead(reply, body.size());
                if (!head) {
                    reply.copyFrom(body, 0, body.size());
                }
                body.clear();
            }
        }

        /** A short text response, with {@code extraHeader} (an encoded line) unless it is null. */
        private static void respond(OutputBuffer reply, int status, byte[] extraHeader, byte[] text, boolean keepAlive,
                                    boolean http10, boolean head) {
            HttpResponse.status(reply, status);
            HttpResponse.header(reply, SERVER);
            HttpResponse.header(reply, TEXT);
            if (extraHeader != null) {
                HttpResponse.header(reply, extraHeader);
            }
            HttpResponse.connection(reply, keepAlive, http10);
            HttpResponse.endHead(reply, text.length);
            if (!head) {
                reply.writeBytes(text);
            }
        }

        @Override
        public void close() {
            body.release();
        }
    }
}
