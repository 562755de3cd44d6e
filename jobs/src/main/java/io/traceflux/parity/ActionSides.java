package io.traceflux.parity;

import io.traceflux.actions.Firing;
import java.util.List;
import java.util.Optional;

/**
 * Both sides' would-be actions for action parity (SPEC 4.1).
 *
 * @param replay   the replayed policy's firings
 * @param baseline the baseline's firings; empty when they are unknown (a production baseline
 *                 whose capture has no {@code baseline/actions/})
 */
public record ActionSides(Side replay, Optional<Side> baseline) {

    /**
     * One side's firings, held ones included.
     *
     * @param firings    every firing of the side
     * @param hasActions whether the side has actions at all: its policy declares some,
     *                   production's actions were captured, or the baseline execution recorded some
     */
    public record Side(List<Firing> firings, boolean hasActions) {

        public Side {
            firings = List.copyOf(firings);
        }

        public static Side none() {
            return new Side(List.of(), false);
        }
    }

    /** How far the two sides' actions can be compared. */
    public enum Status {
        /** Neither side has actions: nothing can page, nothing is compared (figures null). */
        NONE,
        /** The replay has actions and production's are not in the capture (figures null). */
        UNKNOWN,
        /** Both sides' firings are compared. */
        COMPARED
    }

    /** Neither side has actions. */
    public static ActionSides none() {
        return new ActionSides(Side.none(), Optional.of(Side.none()));
    }

    public Status status() {
        boolean baselineHas = baseline.map(Side::hasActions).orElse(false);
        if (!replay.hasActions() && !baselineHas) {
            return Status.NONE;
        }
        return baseline.isEmpty() ? Status.UNKNOWN : Status.COMPARED;
    }
}
