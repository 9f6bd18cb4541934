package dev.kevy.io.engine;

import dev.kevy.io.poll.EpollPoller;
import dev.kevy.sys.Platform;
import org.junit.jupiter.api.Assumptions;

/** The {@link IoEngine} contract on {@link ReadinessEngine} over epoll. */
class ReadinessEngineTest extends IoEngineContractTest {

    @Override
    IoEngine newEngine() {
        Assumptions.assumeTrue(Platform.isLinux(), "epoll is Linux only; this is " + Platform.describe());
        return new ReadinessEngine(new EpollPoller(64));
    }
}
