package io.traceflux.policy;

import java.util.Locale;
import java.util.Optional;

/** What a would-be action does (SPEC 3.4): the key under {@code do}, as tables write it. */
public enum ActionKind {
    PAGE, TICKET, RUNBOOK, NOTIFY;

    /** The lower-case name of policies and tables: {@code page}, {@code ticket}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind written exactly as {@code text} (lower case), if it is one. */
    public static Optional<ActionKind> of(String text) {
        for (ActionKind k : values()) {
            if (k.label().equals(text)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
