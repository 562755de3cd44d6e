package io.traceflux.capture;

/** Why an input row cannot be processed (SPEC 2.1), in the order the checks are made. */
public enum QuarantineReason {
    NULL_SIGNAL_ID("null_signal_id"),
    DUPLICATE_SIGNAL_ID("duplicate_signal_id"),
    INVALID_TS("invalid_ts"),
    OUTSIDE_CAPTURE_WINDOW("outside_capture_window");

    private final String code;

    QuarantineReason(String code) {
        this.code = code;
    }

    /** The text written to the quarantine table and the parity report. */
    public String code() {
        return code;
    }
}
