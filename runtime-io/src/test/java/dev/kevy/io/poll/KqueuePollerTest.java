package dev.kevy.io.poll;

import static dev.kevy.io.poll.Poller.HANGUP;
import static dev.kevy.io.poll.Poller.READ;
import static dev.kevy.io.poll.Poller.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kevy.sys.Kqueue;
import org.junit.jupiter.api.Test;

/**
 * How one kevent (filter and flags) becomes the poller's readiness bits. Pure translation, so it
 * runs on every platform, Linux included, with the macOS constants.
 */
class KqueuePollerTest {

    @Test
    void eachFilterReportsItsDirection() {
        assertEquals(READ, KqueuePoller.readiness(Kqueue.EVFILT_READ, 0));
        assertEquals(WRITE, KqueuePoller.readiness(Kqueue.EVFILT_WRITE, 0));
    }

    @Test
    void endOfStreamOnTheReadFilterIsJustReadable() {
        assertEquals(READ, KqueuePoller.readiness(Kqueue.EVFILT_READ, Kqueue.EV_EOF), "the read returns 0");
    }

    @Test
    void endOfStreamOnTheWriteFilterIsAHangup() {
        assertEquals(WRITE | HANGUP, KqueuePoller.readiness(Kqueue.EVFILT_WRITE, Kqueue.EV_EOF));
    }

    @Test
    void aFailedRegistrationIsReadableAndHangupWhateverTheFilter() {
        assertEquals(READ | HANGUP, KqueuePoller.readiness(Kqueue.EVFILT_READ, Kqueue.EV_ERROR));
        assertEquals(READ | HANGUP, KqueuePoller.readiness(Kqueue.EVFILT_WRITE, Kqueue.EV_ERROR | Kqueue.EV_EOF));
    }

    @Test
    void otherFiltersAndFlagsAreIgnored() {
        assertEquals(0, KqueuePoller.readiness(Kqueue.EVFILT_USER, 0), "the waker's event is told by its token");
        assertEquals(READ, KqueuePoller.readiness(Kqueue.EVFILT_READ, Kqueue.EV_CLEAR | Kqueue.EV_ADD));
    }
}
