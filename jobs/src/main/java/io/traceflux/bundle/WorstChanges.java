package io.traceflux.bundle;

import io.traceflux.policy.Severity;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Orders the non-EXACT components worst first: by the highest severity of any incident in them
 * (either side), then by class (MISSING, RESHAPED, SPLIT, MERGED, CHANGED, NEW: losing an
 * incident is worse than reshaping one, and a new one is the least harmful), then by id.
 */
final class WorstChanges {

    private static final List<String> CLASS_ORDER =
            List.of("MISSING", "RESHAPED", "SPLIT", "MERGED", "CHANGED", "NEW");

    private WorstChanges() {
    }

    /**
     * @param severities incident severity per side and id (canonical names; absent reads as unknown)
     */
    static List<DiffComponent> of(List<DiffComponent> components, Map<Side, Map<String, String>> severities) {
        Comparator<DiffComponent> order = Comparator
                .comparingInt((DiffComponent c) -> -severity(c, severities).rank())
                .thenComparingInt(c -> classRank(c.cls()))
                .thenComparing(DiffComponent::componentId, Comparator.nullsLast(Comparator.naturalOrder()));
        return components.stream().filter(c -> !c.exact()).sorted(order).toList();
    }

    /** The highest severity of the component's incidents. */
    static Severity severity(DiffComponent c, Map<Side, Map<String, String>> severities) {
        return Stream.concat(
                        c.baselineIds().stream().map(id -> severities.getOrDefault(Side.BASELINE, Map.of()).get(id)),
                        c.replayIds().stream().map(id -> severities.getOrDefault(Side.REPLAY, Map.of()).get(id)))
                .map(s -> Severity.fromCanonical(s).orElse(Severity.UNKNOWN))
                .max(Comparator.comparingInt(Severity::rank))
                .orElse(Severity.UNKNOWN);
    }

    private static int classRank(String cls) {
        int i = CLASS_ORDER.indexOf(cls);
        return i < 0 ? CLASS_ORDER.size() : i;
    }
}
