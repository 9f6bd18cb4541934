package dev.kevy.io.engine;

/**
 * What a completion engine's SQE is for, in its {@code user_data}: {@code op << 32 | index}, the
 * index being a connection slot or a listener. A completion finds its owner with an array index.
 */
final class Ops {

    static final int RECV = 1;
    static final int SEND = 2;
    static final int HUP = 3;
    static final int CONNECT = 4;
    static final int ACCEPT = 5;
    static final int WAKE = 6;
    /** An ASYNC_CANCEL: posts only when it fails, and then changes nothing. */
    static final int CANCEL = 7;
    /** A poll for room after a send found none. */
    static final int WRITABLE = 8;

    private Ops() {
    }

    static long data(int op, int index) {
        return (long) op << 32 | Integer.toUnsignedLong(index);
    }

    static int op(long userData) {
        return (int) (userData >>> 32);
    }

    static int index(long userData) {
        return (int) userData;
    }
}
