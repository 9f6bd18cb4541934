package dev.kevy.server.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.server.compat.Wire;
import org.junit.jupiter.api.Test;

/** The eviction flags reach a server started as an operator starts it: CONFIG GET, INFO and the access bits follow them. */
class EvictionFlagsTest {

    @Test
    void flagsSetThePolicySamplingAndLfuParametersOfARunningServer() {
        try (ServerProcess server = ServerProcess.start("--shards", "2", "--maxmemory", "4mb", "--maxmemory-policy",
                "allkeys-lfu", "--maxmemory-samples", "10", "--maxmemory-eviction-tenacity", "20", "--lfu-log-factor",
                "0", "--lfu-decay-time", "0"); Wire c = new Wire(server.port())) {
            assertEquals("*12\r\n$9\r\nmaxmemory\r\n$7\r\n4194304\r\n$16\r\nmaxmemory-policy\r\n$11\r\nallkeys-lfu\r\n$17\r\nmaxmemory-samples\r\n$2\r\n10\r\n"
                    + "$27\r\nmaxmemory-eviction-tenacity\r\n$2\r\n20\r\n$14\r\nlfu-log-factor\r\n$1\r\n0\r\n"
                    + "$14\r\nlfu-decay-time\r\n$1\r\n0\r\n",
                    c.callText("CONFIG", "GET", "maxmemory-policy", "maxmemory-samples", "maxmemory-eviction-tenacity",
                            "lfu-log-factor", "lfu-decay-time", "maxmemory"));
            assertTrue(c.callText("INFO", "memory").contains("maxmemory_policy:allkeys-lfu\r\n"));
            assertEquals("+OK\r\n", c.callText("SET", "k", "v"));
            assertEquals(":5\r\n", c.callText("OBJECT", "FREQ", "k"), "LFU from the start: a new key's counter");
            for (int i = 1; i <= 3; i++) {
                c.callText("GET", "k");
                assertEquals(":" + (5 + i) + "\r\n", c.callText("OBJECT", "FREQ", "k"), "factor 0: every read counts");
            }
        }
    }
}
