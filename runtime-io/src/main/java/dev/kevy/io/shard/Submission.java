package dev.kevy.io.shard;

import dev.kevy.io.ShardTask;
import java.lang.foreign.MemorySegment;

/**
 * What another thread put in a shard's inbox: a task for a listener's handler, or a message for it
 * ({@code task} null: {@code onMessage} from shard -1). Made by the submitting thread, never by the
 * shard.
 */
record Submission(int listener, ShardTask task, int type, MemorySegment payload) {
}
