package io.traceflux.execution;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Reports the steps of a long command on stderr (stdout stays for results), each with the
 * time since the command started, so a scheduler's log shows where a run is and was.
 */
public final class Progress {

    private final PrintStream out;
    private final int steps;
    private final long startNanos = System.nanoTime();
    private int current;

    public Progress(PrintStream out, int steps) {
        this.out = out;
        this.steps = steps;
    }

    /** Announces the next step; steps may come from several threads (regress's replays). */
    public synchronized void step(String what) {
        current++;
        out.printf(Locale.ROOT, "[%d/%d %6.1fs] %s%n", current, steps, elapsedSeconds(), what);
        out.flush();
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
