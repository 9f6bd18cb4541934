package dev.kevy.server;

import dev.kevy.io.Reducer;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;

/**
 * SCAN's reply from its parts, one per shard from the cursor's shard to the last (see
 * {@link Routing}): each part is {@code *4} of (next position in its table, 0 when the shard is
 * done; keys visited; COUNT; the matching keys), from {@link KeyCommands#scanPart}.
 *
 * <p>The parts are taken in shard order, whole, up to and including the first one whose shard is
 * not done (the reply's cursor continues it) or the one where the keys visited reach COUNT (the
 * cursor starts the next shard). Later parts are dropped: their shards are scanned again from the
 * start by a later call, so nothing is missed. When every part was taken and the last shard is
 * done, the cursor is 0: the scan is complete. So a small database comes back whole in one call,
 * a large one about COUNT keys a call (never more than about twice COUNT), and every key present
 * from the first call to the last is returned, as each shard's table guarantees it for its part.
 *
 * <p>Runs on the shard that read the SCAN, one reduction at a time; it allocates nothing.
 */
final class ScanReducer implements Reducer {

    private final int shards;
    private final RespReader reader = new RespReader();

    ScanReducer(int shards) {
        this.shards = shards;
    }

    @Override
    public void reduce(Parts parts, OutputBuffer reply) {
        int first = shards - parts.count(); // the parts are shards first .. shards - 1
        long budget = -1;
        long keys = 0;
        long cursor = 0;
        int taken = parts.count();
        for (int i = 0; i < parts.count(); i++) {
            reader.reset(parts.segment(), parts.offset(i));
            reader.header(); // *4
            long next = reader.header();
            long visited = reader.header();
            long count = reader.header();
            keys += reader.header();
            budget = (budget < 0 ? count : budget) - visited;
            int shard = first + i;
            if (next != 0) {
                cursor = next * shards + shard;
                taken = i + 1;
                break;
            }
            if (budget <= 0) {
                cursor = shard + 1 < shards ? shard + 1 : 0;
                taken = i + 1;
                break;
            }
        }
        RespWriter.arrayHeader(reply, 2);
        RespWriter.bulkLong(reply, cursor); // Redis prints the cursor unsigned; ours stay below 2^63
        RespWriter.arrayHeader(reply, keys);
        for (int i = 0; i < taken; i++) {
            reader.reset(parts.segment(), parts.offset(i));
            for (int field = 0; field < 5; field++) {
                reader.header(); // *4, next, visited, count, then the keys' array header
            }
            long from = reader.position();
            reply.writeBytes(parts.segment(), from, parts.offset(i) + parts.length(i) - from);
        }
    }
}
