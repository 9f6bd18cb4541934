package dev.kevy.examples.kv;

import static dev.kevy.examples.kv.KvProtocol.KEY_FIELD;
import static dev.kevy.examples.kv.KvProtocol.OPCODE_FIELD;
import static dev.kevy.examples.kv.KvProtocol.VALUE_FIELD;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.Session;
import dev.kevy.io.ShardContext;
import dev.kevy.io.codec.Request;
import dev.kevy.rt.buffer.OutputBuffer;
import java.lang.foreign.MemorySegment;

/**
 * One shard's kv-binary commands ({@link KvProtocol}). GET, SET and DEL run on the shard that owns
 * the key ({@link ShardContext#shardOf}), against that shard's {@link KvStore}: a key read on
 * another shard travels there as its three fields and the response comes back in order. PING and
 * requests the service does not know run where they were read.
 */
public final class KvHandler implements CommandHandler {
    private static final byte[] UNKNOWN_OPCODE = KvProtocol.errorResponse("unknown opcode");
    private static final byte[] UNEXPECTED_VALUE = KvProtocol.errorResponse("GET and DEL take no value");
    private static final byte[] STORE_FULL = KvProtocol.errorResponse("store full");

    private final ShardContext context;
    private final KvStore store;

    /**
     * @param context        the shard's context (its pool holds the store's pages)
     * @param maxValueLength the largest value a SET can bring (set by the codec's frame limit)
     * @param maxStoreBytes  most bytes the shard's store may hold
     */
    public KvHandler(ShardContext context, long maxValueLength, long maxStoreBytes) {
        this.context = context;
        this.store = new KvStore(context.pool(), maxValueLength, maxStoreBytes);
    }

    @Override
    public int route(Request request, Session session) {
        int opcode = opcode(request);
        return opcode == KvProtocol.GET || opcode == KvProtocol.SET || opcode == KvProtocol.DEL
                ? context.shardOf(request, KEY_FIELD)
                : HERE;
    }

    @Override
    public void execute(Request request, Session session, OutputBuffer reply) {
        MemorySegment in = request.buffer();
        long key = request.offset(KEY_FIELD);
        long keyLength = request.length(KEY_FIELD);
        long value = request.offset(VALUE_FIELD);
        long valueLength = request.length(VALUE_FIELD);
        switch (opcode(request)) {
            case KvProtocol.PING -> KvProtocol.writeResponse(reply, KvProtocol.OK, in, value, valueLength);
            case KvProtocol.GET -> {
                if (valueLength != 0) {
                    reply.writeBytes(UNEXPECTED_VALUE);
                    return;
                }
                long entry = store.find(in, key, keyLength);
                if (entry == KvStore.NONE) {
                    KvProtocol.writeStatus(reply, KvProtocol.NOT_FOUND);
                } else {
                    KvProtocol.writeResponse(reply, KvProtocol.OK,
                            store.segmentOf(entry), store.valueOffset(entry), store.valueLength(entry));
                }
            }
            case KvProtocol.SET -> {
                if (store.put(in, key, keyLength, in, value, valueLength)) {
                    KvProtocol.writeStatus(reply, KvProtocol.OK);
                } else {
                    reply.writeBytes(STORE_FULL);
                }
            }
            case KvProtocol.DEL -> {
                if (valueLength != 0) {
                    reply.writeBytes(UNEXPECTED_VALUE);
                } else {
                    boolean removed = store.remove(in, key, keyLength);
                    KvProtocol.writeStatus(reply, removed ? KvProtocol.OK : KvProtocol.NOT_FOUND);
                }
            }
            default -> reply.writeBytes(UNKNOWN_OPCODE);
        }
    }

    /** The shard stops: its pages go back to its pool. */
    @Override
    public void close() {
        store.close();
    }

    private static int opcode(Request request) {
        return request.byteAt(OPCODE_FIELD, 0) & 0xFF;
    }
}
