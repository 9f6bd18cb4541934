package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * RENAME and MSETNX whose keys live on different shards run with every shard frozen (the runtime's
 * ATOMIC route). Raced by several clients, an atomic implementation keeps exact invariants that a
 * step-by-step one (read here, write there, delete here) breaks: a value is never lost or
 * duplicated, and one MSETNX wins whole.
 */
class CrossShardAtomicityTest {

    private static final int SHARDS = 3;

    @Test
    void racingRenamesAcrossShardsNeverLoseOrDuplicateTheValue() throws Exception {
        try (TestServer server = TestServer.start(SHARDS)) {
            String a = ShardKeys.on(0, SHARDS, "ren-a", 1)[0];
            String b = ShardKeys.on(1, SHARDS, "ren-b", 1)[0];
            try (RawClient c = new RawClient(server.port())) {
                c.call(Resp.ok(), "SET", a, "the-value");
            }
            int rounds = 400;
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> forward = new ArrayList<>();
                List<Future<Integer>> back = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    forward.add(pool.submit(renames(server.port(), a, b, rounds)));
                    back.add(pool.submit(renames(server.port(), b, a, rounds)));
                }
                int moved = 0;
                for (Future<Integer> f : forward) {
                    moved += f.get(60, TimeUnit.SECONDS);
                }
                for (Future<Integer> f : back) {
                    moved -= f.get(60, TimeUnit.SECONDS);
                }
                // Every successful A->B is matched by a B->A or is the last move: the value is at
                // B exactly when one more rename went forward than back.
                assertTrue(moved == 0 || moved == 1, "successful renames forward minus back: " + moved);
                try (RawClient c = new RawClient(server.port())) {
                    String at = moved == 0 ? a : b;
                    String gone = moved == 0 ? b : a;
                    c.call(Resp.bulk("the-value"), "GET", at);
                    c.call(Resp.nil(), "GET", gone);
                    c.call(Resp.integer(1), "DBSIZE");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** {@code rounds} RENAME from to; returns how many succeeded (the others found no key). */
    private static Callable<Integer> renames(int port, String from, String to, int rounds) {
        return () -> {
            int ok = 0;
            byte[] okReply = Resp.ok();
            byte[] missing = Resp.error("ERR no such key");
            try (RawClient c = new RawClient(port)) {
                for (int i = 0; i < rounds; i++) {
                    byte[] reply = c.send("RENAME", from, to).readReply();
                    if (java.util.Arrays.equals(reply, okReply)) {
                        ok++;
                    } else if (!java.util.Arrays.equals(reply, missing)) {
                        fail("unexpected RENAME reply: " + Resp.text(reply));
                    }
                }
            }
            return ok;
        };
    }

    @Test
    void racingMsetnxAcrossShardsHasOneWholeWinner() throws Exception {
        try (TestServer server = TestServer.start(SHARDS)) {
            int contenders = 4;
            for (int round = 0; round < 50; round++) {
                String[] keys = {ShardKeys.on(0, SHARDS, "nx" + round + "-", 1)[0],
                    ShardKeys.on(1, SHARDS, "nx" + round + "-", 1)[0], ShardKeys.on(2, SHARDS, "nx" + round + "-", 1)[0]};
                ExecutorService pool = Executors.newFixedThreadPool(contenders);
                try {
                    List<Future<byte[]>> replies = new ArrayList<>();
                    for (int t = 0; t < contenders; t++) {
                        String v = "v" + t;
                        replies.add(pool.submit(() -> {
                            try (RawClient c = new RawClient(server.port())) {
                                return c.send("MSETNX", keys[0], v, keys[1], v, keys[2], v).readReply();
                            }
                        }));
                    }
                    int winners = 0;
                    for (Future<byte[]> f : replies) {
                        byte[] r = f.get(60, TimeUnit.SECONDS);
                        if (java.util.Arrays.equals(r, Resp.integer(1))) {
                            winners++;
                        } else {
                            assertArrayEquals(Resp.integer(0), r, "MSETNX reply");
                        }
                    }
                    assertEquals(1, winners, "MSETNX winners in round " + round);
                    try (RawClient c = new RawClient(server.port())) {
                        byte[] values = c.send("MGET", keys[0], keys[1], keys[2]).readReply();
                        String text = Resp.text(values);
                        String first = text.substring(text.indexOf("\r\nv") + 2, text.indexOf("\r\nv") + 4);
                        assertArrayEquals(Resp.array(Resp.bulk(first), Resp.bulk(first), Resp.bulk(first)), values,
                                "all three keys hold the winner's value");
                    }
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }

    /**
     * The coordinator writes into other shards' keyspaces only while they are frozen: a burst of
     * cross-shard MSETNX (each inserting into every shard's table, growing it) raced with plain
     * INCRs that the owner shards run themselves loses no key and no increment.
     */
    @Test
    void atomicWritesIntoPeersNeverRaceThePeersOwnCommands() throws Exception {
        try (TestServer server = TestServer.start(SHARDS)) {
            int increments = 20_000;
            int batches = 3_000;
            ExecutorService pool = Executors.newFixedThreadPool(SHARDS + 1);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int s = 0; s < SHARDS; s++) {
                    String counter = ShardKeys.on(s, SHARDS, "counter", 1)[0];
                    work.add(pool.submit(() -> {
                        try (RawClient c = new RawClient(server.port())) {
                            for (int i = 0; i < increments; i++) {
                                c.send("INCR", counter);
                            }
                            for (int i = 0; i < increments; i++) {
                                c.readReply();
                            }
                        }
                        return null;
                    }));
                }
                work.add(pool.submit(() -> {
                    try (RawClient c = new RawClient(server.port())) {
                        for (int i = 0; i < batches; i++) {
                            c.call(Resp.integer(1), "MSETNX", ShardKeys.on(0, SHARDS, "m" + i + "-", 1)[0], "x",
                                    ShardKeys.on(1, SHARDS, "m" + i + "-", 1)[0], "x",
                                    ShardKeys.on(2, SHARDS, "m" + i + "-", 1)[0], "x");
                        }
                    }
                    return null;
                }));
                for (Future<?> f : work) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            try (RawClient c = new RawClient(server.port())) {
                for (int s = 0; s < SHARDS; s++) {
                    c.call(Resp.bulk(Integer.toString(increments)), "GET", ShardKeys.on(s, SHARDS, "counter", 1)[0]);
                }
                c.call(Resp.integer(SHARDS + 3L * batches), "DBSIZE");
            }
        }
    }
}
