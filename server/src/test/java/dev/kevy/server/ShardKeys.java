package dev.kevy.server;

import dev.kevy.rt.KeyHash;

/** Keys chosen by the shard that owns them. */
public final class ShardKeys {

    private ShardKeys() {
    }

    public static int shardOf(String key, int shards) {
        byte[] b = Resp.bytes(key);
        return KeyHash.shardOf(KeyHash.hash(b, 0, b.length), shards);
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
