package io.traceflux;

/** The process exit codes of SPEC 7.1. */
public final class ExitCode {
    public static final int OK = 0;
    public static final int UNEXPECTED = 1;
    public static final int INVALID_INPUT = 2;
    public static final int GATE_FAILED = 3;
    public static final int GOVERNANCE_REFUSED = 4;
    public static final int VERIFICATION_FAILED = 5;

    private ExitCode() {
    }
}
