package io.traceflux.parity;

/** How an action (kind, target) of a parity component compares (SPEC 4.1). */
public enum ActionClass {
    /** Both sides fire it (possibly at other times). */
    KEPT,
    /** Only the replay fires it. */
    ADDED,
    /** Only the baseline fires it. */
    REMOVED
}
