package dev.kevy.rt.freeze;

/** The record types of the freeze protocol (see the package documentation); none has a payload. */
public final class FreezeRecords {

    /** Coordinator to participant: freeze at the end of your current iteration. */
    public static final int FREEZE = 4;
    /** Participant to coordinator: frozen; my state is yours until {@link #THAW}. */
    public static final int FROZEN = 5;
    /** Coordinator to participant: resume. */
    public static final int THAW = 6;

    private FreezeRecords() {
    }
}
