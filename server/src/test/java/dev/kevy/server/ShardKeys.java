package dev.kevy.server;

/** Keys chosen by the shard that owns them. */
public final class ShardKeys {

    private ShardKeys() {
    }

    /** The shard the server routes {@code key} to (its hash tag, if it has one). */
    public static int shardOf(String key, int shards) {
        return HashTags.shardOf(Resp.bytes(key), shards);
    }

    /** {@code count} distinct keys {@code prefix + n} owned by {@code shard}. */
    public static String[] on(int shard, int shards, String prefix, int count) {
        String[] keys = new String[count];
        int found = 0;
        for (int n = 0; found < count; n++) {
            String k = prefix + n;
            if (shardOf(k, shards) == shard) {
                keys[found++] = k;
            }
        }
        return keys;
    }
}
