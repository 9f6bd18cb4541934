package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.kevy.rt.KeyHash;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Redis Cluster's hash-tag rules, as {@link HashTags} routes keys. */
class HashTagsTest {

    private static final int SHARDS = 7;

    private static int shardOf(String key) {
        return HashTags.shardOf(key.getBytes(StandardCharsets.ISO_8859_1), SHARDS);
    }

    private static int wholeKey(String key) {
        byte[] b = key.getBytes(StandardCharsets.ISO_8859_1);
        return KeyHash.shardOf(KeyHash.hash(b, 0, b.length), SHARDS);
    }

    /** A tag whose keys {@code {tag}a} and {@code {tag}b} would sit on different shards without it. */
    private static String splitTag() {
        for (int n = 0; ; n++) {
            String tag = "user" + n;
            if (wholeKey("{" + tag + "}a") != wholeKey("{" + tag + "}b")) {
                return tag;
            }
        }
    }

    @Test
    void theBytesBetweenTheFirstBraceAndTheFirstClosingBraceAfterItChooseTheShard() {
        String tag = splitTag();
        int owner = wholeKey(tag);
        assertEquals(owner, shardOf("{" + tag + "}a"));
        assertEquals(owner, shardOf("{" + tag + "}b"));
        assertEquals(owner, shardOf("prefix:{" + tag + "}:suffix"));
        assertEquals(owner, shardOf("{" + tag + "}}"), "the first } after the {");
        assertEquals(owner, shardOf("x{" + tag + "}{other}"), "only the first tag counts");
        assertEquals(wholeKey("{" + tag), shardOf("{{" + tag + "}"), "the tag is '{" + tag + "'");
    }

    @Test
    void keysWithoutATagOrWithAnEmptyOneAreRoutedByTheWholeKey() {
        for (String key : new String[] {"plain", "", "{", "}", "}{", "}x{", "a{b", "{}", "{}x", "x{}{tag}", "12345678{",
            "no braces at all in this longer key"}) {
            assertEquals(wholeKey(key), shardOf(key), "'" + key + "'");
        }
        String tag = splitTag();
        assertNotEquals(shardOf("{}" + tag + "a"), shardOf("{}" + tag + "b"), "an empty tag routes by the whole key");
    }

    /** The word-at-a-time search for '{' agrees with a byte loop at every position and length. */
    @Test
    void theBraceSearchFindsABraceAtAnyPositionOfAnyLength() {
        SplittableRandom random = new SplittableRandom(14);
        for (int length = 0; length < 40; length++) {
            for (int round = 0; round < 200; round++) {
                byte[] key = new byte[length];
                for (int i = 0; i < length; i++) {
                    int r = random.nextInt(10);
                    // Mostly bytes one away from '{' (0x7B) and 0x00/0xFF, which trip careless bit tricks.
                    key[i] = (byte) (r == 0 ? '{' : r == 1 ? '}' : r == 2 ? 0x7A : r == 3 ? 0x7C : r == 4 ? 0
                            : r == 5 ? 0xFF : r == 6 ? 0xFB : 'a' + random.nextInt(26));
                }
                assertEquals(naive(key), HashTags.shardOf(key, SHARDS), () -> "key " + java.util.Arrays.toString(key));
            }
        }
    }

    /** Redis's {@code keyHashSlot} rule, byte by byte, then the shard of the chosen bytes. */
    private static int naive(byte[] key) {
        int open = -1;
        for (int i = 0; i < key.length; i++) {
            if (key[i] == '{') {
                open = i;
                break;
            }
        }
        if (open >= 0) {
            for (int close = open + 1; close < key.length; close++) {
                if (key[close] == '}') {
                    if (close > open + 1) {
                        return KeyHash.shardOf(KeyHash.hash(key, open + 1, close - open - 1), SHARDS);
                    }
                    break;
                }
            }
        }
        return KeyHash.shardOf(KeyHash.hash(key, 0, key.length), SHARDS);
    }
}
