package io.traceflux.capture;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What became of a capture's rows (SPEC 2.1, recorded in executions and the parity report).
 * Each row is counted once, by the first of: quarantined (per reason), outside the sub-window,
 * outside the scope, selected.
 *
 * @param quarantinedByReason every reason code of {@link QuarantineReason}, in SPEC order,
 *                            with its row count (0 included, so the keys never vary)
 */
public record SelectionCounts(long inputRows, Map<String, Long> quarantinedByReason,
                              long outOfWindow, long outOfScope, long selected) {

    public SelectionCounts {
        Map<String, Long> complete = new LinkedHashMap<>();
        for (QuarantineReason reason : QuarantineReason.values()) {
            complete.put(reason.code(), quarantinedByReason.getOrDefault(reason.code(), 0L));
        }
        if (!complete.keySet().containsAll(quarantinedByReason.keySet())) {
            throw new IllegalArgumentException("unknown quarantine reason in "
                    + quarantinedByReason);
        }
        quarantinedByReason = Collections.unmodifiableMap(complete);
    }

    /** Rows quarantined for any reason. */
    public long quarantined() {
        return quarantinedByReason.values().stream().mapToLong(Long::longValue).sum();
    }
}
