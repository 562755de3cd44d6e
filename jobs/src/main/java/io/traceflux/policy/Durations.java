package io.traceflux.policy;

/** TEMPORARY stand-in until the policy package lands. */
public final class Durations {
    private Durations() {
    }

    public static String format(java.time.Duration d) {
        return d.toMillis() + "ms";
    }
}
