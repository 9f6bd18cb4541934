package dev.kevy.server.hardening;

import dev.kevy.server.ShardKeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.server.compat.Differ;
import dev.kevy.server.compat.Kevy;
import dev.kevy.server.compat.Wire;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CONFIG SET takes effect on every shard while serving; SLOWLOG is one log merged across shards. */
class LiveConfigTest {

    private static final int SHARDS = 3;

    @Test
    void slowlogThresholdSetLiveRecordsCommandsOfEveryShardAndLenResetAreMerged() {
        try (Kevy kevy = Kevy.start(SHARDS); Wire c = new Wire(kevy.port())) {
            String[] keys = {ShardKeys.on(0, SHARDS, "slow", 1)[0], ShardKeys.on(1, SHARDS, "slow", 1)[0],
                ShardKeys.on(2, SHARDS, "slow", 1)[0]};
            assertEquals("+OK\r\n", c.callText("CONFIG", "SET", "slowlog-log-slower-than", "0"));
            // Each shard applies it at its next tick: poll until a command on every shard was logged.
            for (String key : keys) {
                Kevy.awaitValue("SLOWLOG GET mentions " + key, () -> {
                    c.call("SET", key, "v");
                    return Wire.text(c.call("SLOWLOG", "GET", "-1")).contains("$" + key.length() + "\r\n" + key + "\r\n")
                            ? 1 : 0;
                }, 1);
            }
            List<byte[]> entries = Differ.elements(c.call("SLOWLOG", "GET", "-1"));
            long len = Long.parseLong(c.callText("SLOWLOG", "LEN").substring(1).trim());
            assertTrue(len >= entries.size() && entries.size() >= 3, "LEN " + len + ", entries " + entries.size());
            List<byte[]> newest = Differ.elements(c.call("SLOWLOG", "GET", "2"));
            assertEquals(2, newest.size(), "SLOWLOG GET count limits the merged reply");
            List<byte[]> first = Differ.elements(newest.get(0));
            assertEquals(6, first.size(), "an entry is id, time, micros, arguments, client, name");

            assertEquals("+OK\r\n", c.callText("CONFIG", "SET", "slowlog-log-slower-than", "-1"));
            // Once every shard has applied -1, a RESET leaves all of them empty.
            Kevy.awaitValue("SLOWLOG LEN after RESET with logging off", () -> {
                c.call("SLOWLOG", "RESET");
                c.call("MSET", keys[0], "1", keys[1], "2", keys[2], "3");
                return Long.parseLong(c.callText("SLOWLOG", "LEN").substring(1).trim());
            }, 0);
            assertEquals("*0\r\n", c.callText("SLOWLOG", "GET"));
        }
    }

    @Test
    void configGetGlobsAndConfigSetRejectsUnknownParametersWithRedisText() {
        try (Kevy kevy = Kevy.start(SHARDS); Wire c = new Wire(kevy.port())) {
            assertEquals("-ERR Unknown option or number of arguments for CONFIG SET - 'no-such-thing'\r\n",
                    c.callText("CONFIG", "SET", "no-such-thing", "1"));
            assertEquals("+OK\r\n", c.callText("CONFIG", "SET", "slowlog-max-len", "64"));
            assertEquals("*4\r\n$23\r\nslowlog-log-slower-than\r\n$5\r\n10000\r\n$15\r\nslowlog-max-len\r\n$2\r\n64\r\n",
                    c.callText("CONFIG", "GET", "slowlog-*"));
            assertEquals("*2\r\n$15\r\nslowlog-max-len\r\n$2\r\n64\r\n", c.callText("CONFIG", "GET", "SLOWLOG-MAX-?EN"));
            assertEquals("*0\r\n", c.callText("CONFIG", "GET", "nothing*"));
            String all = c.callText("CONFIG", "GET", "*");
            for (String name : new String[] {"maxmemory", "maxclients", "requirepass", "shards", "park-timeout-ms"}) {
                assertTrue(all.contains("$" + name.length() + "\r\n" + name + "\r\n"), "CONFIG GET * lists " + name);
            }
        }
    }
}
