package dev.kevy.io.resp;

/**
 * One connection's progress through a command that has not fully arrived, in primitive fields.
 *
 * <p>Offsets are relative to the start of that command, so the input buffer may move it (compact
 * or grow) between reads. With this state a resumed parse neither rescans a bulk body it has
 * already waited for nor searches a header line twice: every received byte is looked at once,
 * except the few header bytes of a command's earlier arguments, which are walked once more, when
 * the command completes, to record their offsets (a megabyte-long bulk is skipped by its length).
 *
 * <p>Also carries whether the connection still has to authenticate, which tightens the limits
 * ({@link RespLimits#maxUnauthenticatedMultibulkLength()} and
 * {@link RespLimits#maxUnauthenticatedBulkLength()}).
 */
public final class RespParseState {
    static final int IDLE = 0;
    static final int MULTIBULK = 1;
    static final int INLINE = 2;

    /** What kind of command is in progress, or IDLE between commands. */
    int kind;
    /** Declared argument count of the multibulk in progress; 0 until its count line is read. */
    long argc;
    /** Arguments of the multibulk in progress whose bodies have fully arrived. */
    int argsDone;
    /** Where parsing resumes: the next header line or, when bulkLen >= 0, the pending bulk body. */
    long pos;
    /** Length of the bulk whose body starts at pos, or -1 when a header line is expected there. */
    long bulkLen = -1;
    /** The line being searched has no terminator before this offset. */
    long lineScanned;
    private boolean authRequired;

    /** The state of a new connection: between commands, no authentication required. */
    public RespParseState() {
    }

    /** Forgets any command in progress and the authentication requirement (for a new connection). */
    public void reset() {
        clearProgress();
        authRequired = false;
    }

    /** Whether the stricter pre-authentication limits apply. */
    public boolean authRequired() {
        return authRequired;
    }

    /** Sets whether the stricter pre-authentication limits apply (true until AUTH succeeds). */
    public void setAuthRequired(boolean authRequired) {
        this.authRequired = authRequired;
    }

    /** Whether part of a command has arrived and the rest is awaited. */
    public boolean inCommand() {
        return kind != IDLE;
    }

    /**
     * A lower bound on the size of the command in progress, counted from its first byte, once the
     * length of the argument being received is known; 0 otherwise. The input buffer grows up to
     * this and no further, so it never grows more than the arriving command needs.
     */
    public long pendingCommandBytes() {
        return kind == MULTIBULK && bulkLen >= 0 ? pos + bulkLen + 2 : 0;
    }

    void start(int commandKind) {
        kind = commandKind;
    }

    void clearProgress() {
        kind = IDLE;
        argc = 0;
        argsDone = 0;
        pos = 0;
        bulkLen = -1;
        lineScanned = 0;
    }
}
