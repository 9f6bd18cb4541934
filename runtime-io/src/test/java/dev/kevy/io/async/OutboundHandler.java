package dev.kevy.io.async;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.Commands;
import dev.kevy.io.Session;
import dev.kevy.io.ShardContext;
import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A RESP handler that relays one line through an outbound connection:
 * {@code UP port line timeoutMs} connects to 127.0.0.1:port with {@link LineCodec}, sends the
 * line, and answers {@code +<the line the peer sent back>}, or {@code -ERR connect <result>} when
 * the connect failed.
 */
final class OutboundHandler implements CommandHandler {

    static final Commands COMMANDS = OutboundHandler::new;
    static final AtomicInteger OUTBOUND_CLOSES = new AtomicInteger();
    static final LineCodec LINES = new LineCodec();

    private final ShardContext context;
    /** Per outbound handle: the ticket of the UP waiting for it, and the line to send. */
    private final Map<Long, Long> tickets = new HashMap<>();
    private final Map<Long, String> lines = new HashMap<>();

    OutboundHandler(ShardContext context) {
        this.context = context;
    }

    @Override
    public int route(Request command, Session session) {
        return HERE;
    }

    @Override
    public void execute(Request c, Session session, OutputBuffer reply) {
        if (!c.equalsIgnoreCase(0, "UP") || c.argc() != 4 || !c.parseLong(3)) {
            RespWriter.error(reply, "ERR usage: UP port line timeoutMs");
            return;
        }
        long timeout = c.longValue();
        c.parseLong(1);
        long ticket = context.deferReply(false);
        long handle = context.connect(InetAddress.getLoopbackAddress(), (int) c.longValue(), LINES, timeout);
        tickets.put(handle, ticket);
        lines.put(handle, c.toString(2));
    }

    @Override
    public void onConnect(long handle, int result) {
        if (result < 0) {
            answer(handle, "-ERR connect " + result);
            return;
        }
        OutputBuffer out = context.beginPush(handle);
        out.writeAscii(lines.get(handle) + "\n");
        context.endPush(handle);
    }

    @Override
    public void onFrame(long handle, Request frame) {
        answer(handle, "+" + frame.toString(0));
        context.disconnect(handle);
    }

    private void answer(long handle, String line) {
        lines.remove(handle);
        long ticket = tickets.remove(handle);
        OutputBuffer out = context.beginReply(ticket);
        if (out != null) {
            out.writeAscii(line + "\r\n");
            context.endReply(ticket);
        }
    }

    @Override
    public void onClose(Session session) {
        if (session.isOutbound()) {
            OUTBOUND_CLOSES.incrementAndGet();
        }
    }
}
