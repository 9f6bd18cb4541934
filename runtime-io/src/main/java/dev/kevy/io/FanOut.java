package dev.kevy.io;

import dev.kevy.io.codec.Request;

/**
 * Builds the parts of a fanned-out command, given to {@link CommandHandler#fanOut}. Each part is
 * a command of its own, written argument by argument, addressed to one shard:
 * <pre>
 *   for (int i = 1; i &lt; command.argc(); i++) {          // MGET k1 k2 ... as GET ki per key
 *       plan.part(context.shardOf(command, i), 2).arg(GET).arg(command, i);
 *   }
 *   plan.reduce(RespReducers.ARRAY);
 * </pre>
 * A part is complete when its declared number of arguments has been written. The parts' replies
 * are kept in part order and handed to the {@link Reducer}, whose result is the client's reply.
 * Nothing here allocates once the shard's scratch buffers have grown to the largest fan-out seen.
 */
public interface FanOut {

    /** Starts a part of {@code argc} arguments for {@code shard}, with no {@link Request#tag() tag}. */
    default FanOut part(int shard, int argc) {
        return part(shard, argc, 0);
    }

    /**
     * Starts a part of {@code argc} arguments for {@code shard} whose {@link Request#tag() tag} is
     * {@code tag}: what the handler needs to know when it runs the part that its arguments do not
     * say (a command id already checked, the client's selected database), as a routed request's
     * tag travels with it.
     */
    FanOut part(int shard, int argc, int tag);

    /** Appends an argument to the current part. */
    FanOut arg(byte[] bytes);

    /** Appends argument {@code index} of {@code command} to the current part. */
    FanOut arg(Request command, int index);

    /** Appends a decimal integer argument to the current part. */
    FanOut arg(long value);

    /** How the parts' replies become the reply: one of {@code dev.kevy.io.resp.RespReducers} or the embedder's own. */
    void reduce(Reducer reducer);
}
