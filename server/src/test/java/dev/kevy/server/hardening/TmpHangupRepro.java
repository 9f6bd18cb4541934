package dev.kevy.server.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kevy.io.shard.ShardStats;
import dev.kevy.server.compat.Kevy;
import dev.kevy.server.compat.Wire;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class TmpHangupRepro {
    @Test
    void repro() throws Exception {
        for (int round = 0; round < 150; round++) {
            try (Kevy kevy = Kevy.start(2); Wire good = new Wire(kevy.port())) {
                assertEquals("+OK\r\n", good.callText("SET", "big", "v".repeat(10_000)));
                kevy.awaitStat("c", ShardStats.CONNECTIONS, 1);
                String key = Keys.on(1, 2, "h:", 1)[0];
                try (Socket s = new Socket("127.0.0.1", kevy.port())) {
                    s.getOutputStream().write(Wire.bytes("*3\r\n$3\r\nSET\r\n$" + key.length() + "\r\n" + key + "\r\n$4\r\ndone\r\n"
                            + "*3\r\n$3\r\nSET\r\n$" + key.length() + "\r\n" + key.substring(0, 2)));
                }
                kevy.awaitStat("c", ShardStats.CONNECTIONS, 1);
                long t0 = System.nanoTime();
                String r = good.callText("GET", key);
                if ((System.nanoTime() - t0) > 1_000_000_000L) System.out.println("SLOW round " + round + " " + (System.nanoTime() - t0) / 1_000_000);
                if (!r.equals("$4\r\ndone\r\n")) {
                    int polls = 0;
                    long t1 = System.nanoTime();
                    while (!good.callText("GET", key).equals("$4\r\ndone\r\n") && System.nanoTime() - t1 < 3_000_000_000L) {
                        polls++;
                    }
                    System.out.println("round " + round + " got nil; done after " + polls + " polls, "
                            + (System.nanoTime() - t1) / 1_000_000 + " ms");
                }
            }
        }
    }
}
