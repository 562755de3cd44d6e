package io.traceflux.governance;

/**
 * Governance refused an action (exit code 4, SPEC 7.1). The message is one line naming the
 * check that failed; the refusal itself is already in the audit log when this is thrown, and
 * nothing else was written.
 */
public final class GovernanceRefusal extends RuntimeException {

    private final String check;

    GovernanceRefusal(String check, String message) {
        super(message);
        this.check = check;
    }

    /** The name of the check that failed, as recorded in the audit entry's details. */
    public String check() {
        return check;
    }
}
