package io.traceflux.execution;

import io.traceflux.InvalidInputException;
import java.util.Locale;

/** Execution modes (SPEC 6): a dry run changes nothing in production. */
public enum Mode {
    DRY_RUN, ENFORCED;

    /** The name used on the command line and in tables: {@code dry-run} or {@code enforced}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Mode parse(String text) {
        for (Mode m : values()) {
            if (m.text().equals(text)) {
                return m;
            }
        }
        throw new InvalidInputException("--mode: '" + text + "' is not one of dry-run, enforced");
    }
}
