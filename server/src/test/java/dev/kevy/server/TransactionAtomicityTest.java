package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A transaction whose keys live on several shards is seen whole or not at all. Movers shift units
 * between two keys on different shards ({@code MULTI DECRBY a n INCRBY b n EXEC}); readers read
 * both in one transaction ({@code MULTI GET a GET b EXEC}) and must always see the same total. A
 * transaction run step by step on each shard would let a reader see the decrement without the
 * increment. Readers also read through WATCH: {@code WATCH a b}, read, then an EXEC that fails
 * whenever a mover got in between, so counting failed EXECs shows the watches see other shards'
 * writes.
 */
class TransactionAtomicityTest {

    private static final int SHARDS = 3;
    private static final long TOTAL = 1_000_000;
    private static final int MOVES = 1_500;
    private static final int READS = 1_500;

    @Test
    void readersNeverSeePartOfATransactionAcrossShards() throws Exception {
        try (TestServer server = TestServer.start(SHARDS)) {
            String a = ShardKeys.on(1, SHARDS, "acct-a", 1)[0];
            String b = ShardKeys.on(2, SHARDS, "acct-b", 1)[0];
            try (RawClient c = new RawClient(server.port())) {
                c.call(Resp.ok(), "MSET", a, Long.toString(TOTAL), b, "0");
            }
            ExecutorService pool = Executors.newFixedThreadPool(5);
            try {
                List<Future<Long>> movers = new ArrayList<>();
                List<Future<Long>> readers = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    movers.add(pool.submit(mover(server.port(), a, b, t)));
                }
                for (int t = 0; t < 3; t++) {
                    readers.add(pool.submit(reader(server.port(), a, b)));
                }
                long moved = 0;
                for (Future<Long> f : movers) {
                    moved += f.get(120, TimeUnit.SECONDS);
                }
                for (Future<Long> f : readers) {
                    assertEquals(READS, f.get(120, TimeUnit.SECONDS), "reads that saw the whole total");
                }
                try (RawClient c = new RawClient(server.port())) {
                    c.call(Resp.array(Resp.bulk(Long.toString(TOTAL - moved)), Resp.bulk(Long.toString(moved))),
                            "MGET", a, b);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** {@link #MOVES} transactions moving 1..7 units from a to b; returns the units moved. */
    private static Callable<Long> mover(int port, String a, String b, int seed) {
        return () -> {
            long moved = 0;
            try (RawClient c = new RawClient(port)) {
                for (int i = 0; i < MOVES; i++) {
                    int n = 1 + (i * 7 + seed) % 7;
                    c.send(Resp.concat(Resp.command("MULTI"), Resp.command("DECRBY", a, Integer.toString(n)),
                            Resp.command("INCRBY", b, Integer.toString(n)), Resp.command("EXEC")));
                    c.expect(Resp.concat(Resp.ok(), Resp.bytes("+QUEUED\r\n+QUEUED\r\n")));
                    byte[] exec = c.readReply();
                    String text = Resp.text(exec);
                    assertEquals('*', text.charAt(0), text);
                    assertEquals("*2", text.substring(0, 2), text);
                    moved += n;
                }
            }
            return moved;
        };
    }

    /**
     * {@link #READS} reads of both keys in one transaction, each checked against the total, then
     * as many WATCHed reads (two plain GETs, checked only when the empty EXEC after them succeeds,
     * which says no write got in between); returns how many transactional reads saw the total.
     */
    private static Callable<Long> reader(int port, String a, String b) {
        return () -> {
            long whole = 0;
            try (RawClient c = new RawClient(port)) {
                for (int i = 0; i < READS; i++) {
                    c.send(Resp.concat(Resp.command("MULTI"), Resp.command("GET", a), Resp.command("GET", b),
                            Resp.command("EXEC")));
                    c.expect(Resp.concat(Resp.ok(), Resp.bytes("+QUEUED\r\n+QUEUED\r\n")));
                    String[] values = bulks(Resp.text(c.readReply()));
                    long sum = Long.parseLong(values[0]) + Long.parseLong(values[1]);
                    assertEquals(TOTAL, sum, "a + b seen inside one transaction");
                    whole++;
                }
                for (int i = 0; i < READS; i++) {
                    c.call(Resp.ok(), "WATCH", a, b);
                    c.send("GET", a);
                    long seenA = Long.parseLong(bulk(Resp.text(c.readReply())));
                    c.send("GET", b);
                    long seenB = Long.parseLong(bulk(Resp.text(c.readReply())));
                    c.call(Resp.ok(), "MULTI");
                    String exec = Resp.text(c.send("EXEC").readReply());
                    if (exec.equals("*0\r\n")) { // no write to a or b since WATCH: the two reads agree
                        assertEquals(TOTAL, seenA + seenB, "a + b read under WATCH with EXEC succeeding");
                    } else {
                        assertEquals("*-1\r\n", exec);
                    }
                }
            }
            return whole;
        };
    }

    /** The text of a bulk string reply. */
    private static String bulk(String reply) {
        return reply.split("\r\n")[1];
    }

    /** The two bulk strings of a two-element array reply. */
    private static String[] bulks(String reply) {
        String[] lines = reply.split("\r\n");
        assertEquals("*2", lines[0], reply);
        return new String[] {lines[2], lines[4]};
    }
}
