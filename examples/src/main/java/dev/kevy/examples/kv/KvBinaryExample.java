package dev.kevy.examples.kv;

import dev.kevy.examples.ExampleOptions;
import dev.kevy.examples.Launcher;
import dev.kevy.io.Listener;

/**
 * The kv-binary service ({@code make example NAME=kv-binary}): GET, SET and DEL in a
 * length-prefixed binary protocol ({@link KvProtocol}), each key stored on the shard that owns it.
 * Frames up to {@link KvCodec#DEFAULT_MAX_FRAME_LENGTH}, {@link #DEFAULT_STORE_BYTES} of values
 * per shard.
 */
public final class KvBinaryExample {
    /** The port when {@code --port} is not given. */
    public static final int DEFAULT_PORT = 7001;
    /** Bytes of entries each shard may hold. */
    public static final long DEFAULT_STORE_BYTES = KvStore.DEFAULT_MAX_BYTES;

    private KvBinaryExample() {
    }

    public static void main(String[] args) {
        ExampleOptions options = ExampleOptions.parse("kv-binary", DEFAULT_PORT, args);
        Launcher.serve("kv-binary", options,
                listener(options.bind(), options.port(), new KvCodec(), DEFAULT_STORE_BYTES));
    }

    /** The service's listener with these limits, as the tests start it too. */
    public static Listener listener(String bind, int port, KvCodec codec, long storeBytesPerShard) {
        long maxValueLength = codec.maxFrameLength() - KvProtocol.REQUEST_HEADER_BYTES;
        return Listener.tcp(bind, port, codec,
                context -> new KvHandler(context, maxValueLength, storeBytesPerShard));
    }
}
