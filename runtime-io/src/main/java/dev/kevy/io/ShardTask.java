package dev.kevy.io;

/**
 * Work another thread hands to a shard ({@link KevyRuntime#submit}): it runs on the shard's thread,
 * between loop iterations' other steps, with the handler of the listener it was submitted for and
 * that handler's context, so it may touch the handler's state, complete tickets, push frames and
 * send messages like the handler itself. Keep it short: the shard serves nobody meanwhile.
 */
@FunctionalInterface
public interface ShardTask {

    /** Runs on the shard's thread. An exception is logged and the shard goes on. */
    void run(CommandHandler handler, ShardContext context);
}
