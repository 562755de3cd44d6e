package io.traceflux.parity;

import io.traceflux.policy.GovernanceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One evaluated parity gate (SPEC 3.3, 4).
 *
 * @param name      a {@link GovernanceSpec#GATE_NAMES} name
 * @param threshold the policy's threshold
 * @param actual    the execution's figure
 * @param passed    {@code min_*}: actual &gt;= threshold; {@code max_*}: actual &lt;= threshold;
 *                  never when no signal was selected
 * @param reason    why the gate failed regardless of its figure; null when the figure decided
 */
public record GateResult(String name, double threshold, double actual, boolean passed, String reason) {

    /** The reason every gate of an execution that selected no signal fails with (SPEC 4). */
    public static final String NOTHING_SELECTED =
            "no signal was selected (the scope, window and quarantine left none): nothing was proven";

    /**
     * Slack for floating-point noise: an F1 that is mathematically 0.95 may be computed as
     * 0.9499999999999999 and must still pass {@code min_bcubed_f1: 0.95}.
     */
    static final double TOLERANCE = 1e-9;

    /**
     * Evaluates every gate in {@code thresholds}, in its order, against {@code actuals}; with
     * {@code nothingSelected} each fails with {@link #NOTHING_SELECTED}.
     *
     * @throws IllegalArgumentException for a gate name policy validation should have rejected
     */
    static List<GateResult> evaluate(Map<String, Double> thresholds, Map<String, Double> actuals,
            boolean nothingSelected) {
        List<GateResult> results = new ArrayList<>();
        thresholds.forEach((name, threshold) -> {
            Double actual = actuals.get(name);
            if (!GovernanceSpec.GATE_NAMES.contains(name) || actual == null) {
                throw new IllegalArgumentException("unknown parity gate: " + name);
            }
            boolean passed = name.startsWith("min_")
                    ? actual >= threshold - TOLERANCE
                    : actual <= threshold + TOLERANCE;
            results.add(nothingSelected ? new GateResult(name, threshold, actual, false, NOTHING_SELECTED)
                    : new GateResult(name, threshold, actual, passed, null));
        });
        return results;
    }

    Row toRow() {
        return RowFactory.create(name, threshold, actual, passed, reason);
    }
}
