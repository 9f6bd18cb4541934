package dev.kevy.bench.sys;

import dev.kevy.sys.NativeThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JMH worker pool of {@link NativeThread}s, so a benchmark runs on the shards' kind of thread.
 * Chosen per fork with {@code -Djmh.executor=CUSTOM -Djmh.executor.class=} this class; JMH calls
 * the {@code (int, String)} constructor.
 */
public final class NativeThreadExecutor extends ThreadPoolExecutor {

    /** A fixed pool of {@code threads} daemon native threads named {@code prefix-N}. */
    public NativeThreadExecutor(int threads, String prefix) {
        super(threads, threads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), new Factory(prefix));
    }

    private record Factory(String prefix, AtomicInteger count) implements java.util.concurrent.ThreadFactory {
        Factory(String prefix) {
            this(prefix, new AtomicInteger());
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread t = new NativeThread(task, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
