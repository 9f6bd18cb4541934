package dev.kevy.io.engine;

import dev.kevy.rt.buffer.InputBuffer;
import dev.kevy.rt.buffer.OutputBuffer;
import java.util.Arrays;

/**
 * The completion engine's state per connection slot ({@code (int) token}), as parallel arrays
 * grown by doubling: what runs in the kernel on the connection and what the shard asked for.
 */
final class Slots {

    /** {@link #recv}: no receive in the kernel. {@link #send}: no send in the kernel or pending. */
    static final byte IDLE = 0;
    /** {@link #recv}: a multishot receive is armed. */
    static final byte ARMED = 1;
    /** {@link #recv}: its cancellation was submitted; the last completion has not come yet. */
    static final byte CANCELLING = 2;
    /** {@link #send}: a send is in the kernel. */
    static final byte IN_FLIGHT = 1;
    /** {@link #send}: a send completed; what is left goes at the next enter. */
    static final byte RESUMING = 2;

    long[] tokens = filled(64);
    int[] fds = new int[64];
    byte[] recv = new byte[64];
    byte[] send = new byte[64];
    InputBuffer[] receiving = new InputBuffer[64];
    long[] pendingBytes = new long[64];
    /** The connection's input, kept from its first receive: bytes arriving between receives go there. */
    InputBuffer[] input = new InputBuffer[64];
    /** Bytes moved into {@link #input} while no receive ran, announced by the next receive. */
    long[] appended = new long[64];
    OutputBuffer[] sending = new OutputBuffer[64];
    boolean[] announced = new boolean[64];
    boolean[] ended = new boolean[64];
    int[] endResult = new int[64];
    boolean[] hupArmed = new boolean[64];
    boolean[] connecting = new boolean[64];
    boolean[] closed = new boolean[64];
    /** Operations of the slot whose last completion has not arrived. */
    int[] inFlight = new int[64];
    private int total;

    private static long[] filled(int n) {
        long[] a = new long[n];
        Arrays.fill(a, -1);
        return a;
    }

    /** Starts tracking connection {@code token} in {@code slot}. */
    void open(int slot, long token, int fd) {
        if (slot >= tokens.length) {
            grow(Math.max(slot + 1, tokens.length * 2));
        }
        if (tokens[slot] >= 0) {
            throw new IllegalStateException("slot " + slot + " is still held by the kernel");
        }
        tokens[slot] = token;
        fds[slot] = fd;
        recv[slot] = IDLE;
        send[slot] = IDLE;
        receiving[slot] = null;
        input[slot] = null;
        appended[slot] = 0;
        sending[slot] = null;
        announced[slot] = false;
        ended[slot] = false;
        endResult[slot] = 0;
        hupArmed[slot] = false;
        connecting[slot] = false;
        closed[slot] = false;
        inFlight[slot] = 0;
    }

    /** The slot of an open connection's token. */
    int of(long token) {
        int slot = (int) token;
        if (slot < 0 || slot >= tokens.length || tokens[slot] != token || closed[slot]) {
            throw new IllegalStateException("no open connection with token " + Long.toHexString(token));
        }
        return slot;
    }

    /** Forgets the connection in {@code slot}: nothing of it is in the kernel any more. */
    void free(int slot) {
        tokens[slot] = -1;
        receiving[slot] = null;
        input[slot] = null;
        sending[slot] = null;
    }

    void opStarted(int slot) {
        inFlight[slot]++;
        total++;
    }

    void opFinished(int slot) {
        inFlight[slot]--;
        total--;
    }

    /** Operations in the kernel over every slot. */
    int totalInFlight() {
        return total;
    }

    private void grow(int n) {
        int old = tokens.length;
        tokens = Arrays.copyOf(tokens, n);
        Arrays.fill(tokens, old, n, -1);
        fds = Arrays.copyOf(fds, n);
        recv = Arrays.copyOf(recv, n);
        send = Arrays.copyOf(send, n);
        receiving = Arrays.copyOf(receiving, n);
        pendingBytes = Arrays.copyOf(pendingBytes, n);
        input = Arrays.copyOf(input, n);
        appended = Arrays.copyOf(appended, n);
        sending = Arrays.copyOf(sending, n);
        announced = Arrays.copyOf(announced, n);
        ended = Arrays.copyOf(ended, n);
        endResult = Arrays.copyOf(endResult, n);
        hupArmed = Arrays.copyOf(hupArmed, n);
        connecting = Arrays.copyOf(connecting, n);
        closed = Arrays.copyOf(closed, n);
        inFlight = Arrays.copyOf(inFlight, n);
    }
}
