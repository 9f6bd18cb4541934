package dev.kevy.io.async;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.Commands;
import dev.kevy.io.FanOut;
import dev.kevy.io.Reducer;
import dev.kevy.io.Session;
import dev.kevy.io.ShardContext;
import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;

/**
 * Every way a request can travel, each answering {@code :n} for its argument {@code n}, so a
 * pipeline of them checks that replies come back in request order whatever path each took:
 * <pre>
 *   HERE n        on the client's shard
 *   KEY k n       on the owner of k (forwarded when that is another shard)
 *   FAN n         a part on every shard, reduced (every part must say n)
 *   ATOM n        in an atomic turn of the coordinator
 *   LATER k n ms  on the owner of k, deferred, completed by a timer ms later
 * </pre>
 */
final class OrderHandler implements CommandHandler {

    static final Commands COMMANDS = OrderHandler::new;

    /** The parts' replies must agree; the reply is theirs. */
    private static final Reducer AGREE = (parts, reply) -> {
        for (int i = 1; i < parts.count(); i++) {
            if (parts.length(i) != parts.length(0) || java.lang.foreign.MemorySegment.mismatch(parts.segment(),
                    parts.offset(i), parts.offset(i) + parts.length(i), parts.segment(), parts.offset(0),
                    parts.offset(0) + parts.length(0)) != -1) {
                RespWriter.error(reply, "ERR parts disagree");
                return;
            }
        }
        reply.writeBytes(parts.segment(), parts.offset(0), parts.length(0));
    };

    private static final byte[] PART = {'P', 'A', 'R', 'T'};

    private final ShardContext context;

    OrderHandler(ShardContext context) {
        this.context = context;
    }

    @Override
    public int route(Request c, Session session) {
        if (c.equalsIgnoreCase(0, "KEY") || c.equalsIgnoreCase(0, "LATER")) {
            return context.shardOf(c, 1);
        }
        if (c.equalsIgnoreCase(0, "FAN")) {
            return FAN_OUT;
        }
        return c.equalsIgnoreCase(0, "ATOM") ? ATOMIC : HERE;
    }

    @Override
    public void execute(Request c, Session session, OutputBuffer reply) {
        if (c.equalsIgnoreCase(0, "LATER")) {
            c.parseLong(3);
            long ms = c.longValue();
            c.parseLong(2);
            context.schedule(context.nowMillis() + ms, (context.deferReply(false) << 20) | c.longValue());
            return;
        }
        int arg = c.equalsIgnoreCase(0, "KEY") ? 2 : 1;
        c.parseLong(arg);
        RespWriter.integer(reply, c.longValue());
    }

    @Override
    public void fanOut(Request c, Session session, FanOut plan) {
        for (int s = 0; s < context.shards(); s++) {
            plan.part(s, 2).arg(PART).arg(c, 1);
        }
        plan.reduce(AGREE);
    }

    @Override
    public void executeAtomic(Request c, CommandHandler[] shards, OutputBuffer reply) {
        c.parseLong(1);
        RespWriter.integer(reply, c.longValue());
    }

    @Override
    public void onTimer(long timerId, long payload) {
        long ticket = payload >>> 20;
        OutputBuffer out = context.beginReply(ticket);
        if (out != null) {
            RespWriter.integer(out, payload & ((1 << 20) - 1));
            context.endReply(ticket);
        }
    }
}
