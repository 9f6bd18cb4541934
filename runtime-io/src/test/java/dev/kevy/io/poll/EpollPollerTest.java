package dev.kevy.io.poll;

import static dev.kevy.io.poll.Poller.HANGUP;
import static dev.kevy.io.poll.Poller.READ;
import static dev.kevy.io.poll.Poller.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kevy.sys.Epoll;
import org.junit.jupiter.api.Test;

/** How epoll's event bits become the poller's readiness bits, and interest the other way. */
class EpollPollerTest {

    @Test
    void inputAndPeerShutdownAreReadable() {
        assertEquals(READ, EpollPoller.readiness(Epoll.EPOLLIN));
        assertEquals(READ, EpollPoller.readiness(Epoll.EPOLLRDHUP), "a FIN is learned by reading 0 bytes");
        assertEquals(READ, EpollPoller.readiness(Epoll.EPOLLIN | Epoll.EPOLLRDHUP));
    }

    @Test
    void hangupAndErrorAreReadableAndHangup() {
        assertEquals(READ | HANGUP, EpollPoller.readiness(Epoll.EPOLLHUP), "the read reports 0 or -errno");
        assertEquals(READ | HANGUP, EpollPoller.readiness(Epoll.EPOLLERR));
        assertEquals(READ | WRITE | HANGUP, EpollPoller.readiness(Epoll.EPOLLERR | Epoll.EPOLLHUP | Epoll.EPOLLOUT));
    }

    @Test
    void outputRoomIsWritableOnly() {
        assertEquals(WRITE, EpollPoller.readiness(Epoll.EPOLLOUT));
        assertEquals(READ | WRITE, EpollPoller.readiness(Epoll.EPOLLIN | Epoll.EPOLLOUT));
    }

    @Test
    void bitsTheLoopDoesNotUseAreIgnored() {
        assertEquals(0, EpollPoller.readiness(0));
        assertEquals(0, EpollPoller.readiness(Epoll.EPOLLPRI));
    }

    @Test
    void interestAsksForPeerShutdownWithInput() {
        assertEquals(Epoll.EPOLLIN | Epoll.EPOLLRDHUP, EpollPoller.epollInterest(READ));
        assertEquals(Epoll.EPOLLOUT, EpollPoller.epollInterest(WRITE));
        assertEquals(Epoll.EPOLLIN | Epoll.EPOLLRDHUP | Epoll.EPOLLOUT, EpollPoller.epollInterest(READ | WRITE));
        assertEquals(0, EpollPoller.epollInterest(0), "no interest silences the descriptor");
    }

    @Test
    void interestRoundTripsThroughReadiness() {
        for (int interest : new int[] {READ, WRITE, READ | WRITE}) {
            assertEquals(interest, EpollPoller.readiness(EpollPoller.epollInterest(interest)), "interest " + interest);
        }
    }
}
