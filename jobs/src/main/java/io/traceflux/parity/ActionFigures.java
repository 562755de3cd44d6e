package io.traceflux.parity;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The action figures of a parity report (SPEC 4.1, 5.1).
 *
 * @param status       whether the sides were compared; the figures are null unless COMPARED
 * @param classCounts  (component, kind, target) per class, zero-shift KEPT ones included
 * @param pagesAdded   replay page firings in ADDED rows
 * @param pagesRemoved baseline page firings in REMOVED rows
 * @param maxPageDelay the largest positive shift of a KEPT page, seconds (0 when none)
 */
public record ActionFigures(ActionSides.Status status, Map<ActionClass, Long> classCounts, Long pagesAdded,
        Long pagesRemoved, Double maxPageDelay) {

    public ActionFigures {
        Map<ActionClass, Long> byClass = new EnumMap<>(ActionClass.class);
        byClass.putAll(classCounts);
        classCounts = Collections.unmodifiableMap(byClass);
    }

    /** (component, kind, target) of class {@code cls}. */
    public long count(ActionClass cls) {
        return classCounts.getOrDefault(cls, 0L);
    }
}
