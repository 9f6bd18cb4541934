package dev.kevy.server.compat;

import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random pipelines, each sent in one write, that mix atomic commands (RENAME, RENAMENX, MSETNX
 * over keys on several shards: a freeze turn at the coordinator) with commands that run on the
 * client's shard, travel to another shard or fan out, over a handful of keys spread across the
 * three shards so that every command depends on the ones before it. Every reply must be Redis's,
 * byte for byte: any reordering between the paths changes some reply.
 */
class AtomicPipelineCompatTest extends DifferentialBase {

    private static final int PIPELINES = 40;
    private static final int COMMANDS = 60;

    @Test
    void pipelinesMixingAtomicCommandsWithEveryOtherPathReplyAsRedis() {
        String[] keys = {onShard(0, "x"), onShard(1, "x"), onShard(2, "x"), onShard(0, "y"), onShard(1, "y"),
            onShard(2, "y")};
        SplittableRandom random = new SplittableRandom(20261206);
        try (Differ d = differ()) {
            for (int p = 0; p < PIPELINES; p++) {
                ByteArrayOutputStream request = new ByteArrayOutputStream();
                for (int i = 0; i < COMMANDS; i++) {
                    append(request, command(random, keys));
                }
                d.sameRaw("pipeline " + p, request.toByteArray(), COMMANDS);
            }
            d.assertSame();
        }
    }

    private static String[] command(SplittableRandom random, String[] keys) {
        String k = keys[random.nextInt(keys.length)];
        String k2 = keys[random.nextInt(keys.length)];
        String v = Integer.toString(random.nextInt(100));
        return switch (random.nextInt(12)) {
            case 0 -> new String[] {"RENAME", k, k2};
            case 1 -> new String[] {"RENAMENX", k, k2};
            case 2 -> new String[] {"MSETNX", k, v, k2, v};
            case 3 -> new String[] {"SET", k, v};
            case 4 -> new String[] {"GET", k};
            case 5 -> new String[] {"INCR", k};
            case 6 -> new String[] {"DEL", k, k2};
            case 7 -> new String[] {"MGET", k, k2};
            case 8 -> new String[] {"MSET", k, v, k2, v};
            case 9 -> new String[] {"EXISTS", k, k2};
            case 10 -> new String[] {"APPEND", k, v};
            default -> new String[] {"PING"};
        };
    }

    private static void append(ByteArrayOutputStream out, String... command) {
        out.writeBytes(Wire.bytes("*" + command.length + "\r\n"));
        for (String a : command) {
            byte[] b = Wire.bytes(a);
            out.writeBytes(Wire.bytes("$" + b.length + "\r\n"));
            out.writeBytes(b);
            out.writeBytes(Wire.bytes("\r\n"));
        }
    }
}
