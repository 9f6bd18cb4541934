package dev.kevy.server.hardening;

import dev.kevy.server.ShardKeys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kevy.server.compat.Kevy;
import dev.kevy.server.compat.Wire;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Regression: a connection whose read was paused for backpressure (maxInFlight commands awaiting
 * replies) must be read again once the replies drain, also when the pause came exactly as its
 * buffered commands ran out. It used to keep its read interest off, so its next pipeline sat in
 * the kernel forever (seen as a 100k-key pipelined load hanging now and then).
 */
class PausedPipelineResumeTest {

    private static final int SHARDS = 2;
    private static final int IN_FLIGHT = 8;

    @Test
    void aConnectionPausedExactlyAtTheEndOfItsInputIsReadAgainOnceRepliesDrain() {
        try (Kevy kevy = Kevy.start(SHARDS, null, b -> b.maxInFlight(IN_FLIGHT)); Wire c = new Wire(kevy.port())) {
            String info = Wire.text(c.call("CLIENT", "INFO"));
            int mine = Integer.parseInt(info.substring(info.indexOf(" shard=") + 7).trim());
            // Keys of the other shard: every GET is forwarded, so nothing completes while the batch is parsed.
            String[] remote = ShardKeys.on(1 - mine, SHARDS, "remote", IN_FLIGHT);
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            for (String k : remote) {
                batch.writeBytes(Wire.encode("GET", k));
            }
            for (int round = 0; round < 50; round++) {
                c.send(batch.toByteArray()); // exactly maxInFlight commands: the read pauses as the input ends
                for (int i = 0; i < IN_FLIGHT; i++) {
                    assertEquals("$-1\r\n", Wire.text(c.reply()), "round " + round);
                }
                assertEquals("+PONG\r\n", c.callText("PING"), "the connection is read again after round " + round);
            }
        }
    }
}
