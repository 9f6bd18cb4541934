package dev.kevy.server.hardening;

import dev.kevy.rt.KeyHash;
import dev.kevy.server.compat.Wire;

/** Keys chosen by the shard that owns them. */
final class Keys {

    private Keys() {
    }

    static int shardOf(String key, int shards) {
        byte[] b = Wire.bytes(key);
        return KeyHash.shardOf(KeyHash.hash(b, 0, b.length), shards);
    }

    /** {@code count} distinct keys {@code prefix + n} owned by {@code shard}. */
    static String[] on(int shard, int shards, String prefix, int count) {
        String[] keys = new String[count];
        int found = 0;
        for (int n = 0; found < count; n++) {
            if (shardOf(prefix + n, shards) == shard) {
                keys[found++] = prefix + n;
            }
        }
        return keys;
    }
}
