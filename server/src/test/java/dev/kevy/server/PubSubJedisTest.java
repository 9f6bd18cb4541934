package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * Pub/sub as Jedis uses it on three shards: a {@link JedisPubSub} listener subscribed to channels
 * and a pattern, a publisher on another connection, Jedis's PING in subscribed mode, and the
 * listener leaving with UNSUBSCRIBE and PUNSUBSCRIBE (which ends Jedis's subscribe loop only when
 * the server's counts reach 0).
 */
class PubSubJedisTest {

    private static final int MESSAGES = 1_000;

    @Test
    void aJedisListenerGetsEveryMessageInOrder() throws Exception {
        try (TestServer server = TestServer.start(3);
             Jedis subscriber = new Jedis("127.0.0.1", server.port(), RawClient.READ_TIMEOUT_MILLIS);
             Jedis publisher = new Jedis("127.0.0.1", server.port(), RawClient.READ_TIMEOUT_MILLIS)) {
            CountDownLatch ready = new CountDownLatch(1);
            CountDownLatch pong = new CountDownLatch(1);
            List<String> messages = new ArrayList<>();
            List<String> patternMessages = new ArrayList<>();
            JedisPubSub listener = new JedisPubSub() {
                @Override
                public void onSubscribe(String channel, int count) {
                    if (count == 2) {
                        psubscribe("b*");
                    }
                }

                @Override
                public void onPSubscribe(String pattern, int count) {
                    assertEquals(3, count);
                    ping();
                }

                @Override
                public void onPong(String message) {
                    pong.countDown();
                    ready.countDown();
                }

                @Override
                public void onMessage(String channel, String message) {
                    messages.add(channel + "=" + message);
                }

                @Override
                public void onPMessage(String pattern, String channel, String message) {
                    patternMessages.add(pattern + ":" + channel + "=" + message);
                    if (patternMessages.size() == MESSAGES) {
                        unsubscribe();
                        punsubscribe();
                    }
                }
            };
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread loop = new Thread(() -> {
                try {
                    subscriber.subscribe(listener, "alpha", "beta");
                } catch (Throwable e) {
                    failure.set(e);
                    ready.countDown();
                }
            });
            loop.start();
            assertTrue(ready.await(RawClient.READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS), "subscribed");
            assertEquals(0, pong.getCount(), "PING answered in subscribed mode: " + failure.get());
            assertEquals(Map.of("alpha", 1L, "beta", 1L, "gamma", 0L), publisher.pubsubNumSub("alpha", "beta", "gamma"));
            assertEquals(1L, publisher.pubsubNumPat());
            List<String> expected = new ArrayList<>();
            List<String> expectedPattern = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                assertEquals(1L, publisher.publish("alpha", "a" + i));
                assertEquals(2L, publisher.publish("beta", "b" + i)); // the channel and the pattern
                assertEquals(0L, publisher.publish("gamma", "g" + i));
                expected.add("alpha=a" + i);
                expected.add("beta=b" + i);
                expectedPattern.add("b*:beta=b" + i);
            }
            loop.join(RawClient.READ_TIMEOUT_MILLIS);
            assertEquals(false, loop.isAlive(), "the listener left once its counts reached 0");
            if (failure.get() != null) {
                throw new AssertionError(failure.get());
            }
            assertEquals(expected, messages);
            assertEquals(expectedPattern, patternMessages);
            assertEquals("PONG", subscriber.ping()); // an ordinary client again
            assertEquals(Map.of("alpha", 0L), publisher.pubsubNumSub("alpha"));
        }
    }
}
