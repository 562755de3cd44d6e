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
 * @param actual    the execution's figure; null when it cannot be known (an action gate against a
 *                  production baseline whose actions were not captured), and the gate then fails
 * @param passed    {@code min_*}: actual &gt;= threshold; {@code max_*}: actual &lt;= threshold
 */
public record GateResult(String name, double threshold, Double actual, boolean passed) {

    /**
     * Slack for floating-point noise: an F1 that is mathematically 0.95 may be computed as
     * 0.9499999999999999 and must still pass {@code min_bcubed_f1: 0.95}.
     */
    static final double TOLERANCE = 1e-9;

    /**
     * Evaluates every gate in {@code thresholds}, in its order, against {@code actuals} (a null
     * actual fails its gate).
     *
     * @throws IllegalArgumentException for a gate name policy validation should have rejected
     */
    static List<GateResult> evaluate(Map<String, Double> thresholds, Map<String, Double> actuals) {
        List<GateResult> results = new ArrayList<>();
        thresholds.forEach((name, threshold) -> {
            if (!GovernanceSpec.GATE_NAMES.contains(name) || !actuals.containsKey(name)) {
                throw new IllegalArgumentException("unknown parity gate: " + name);
            }
            Double actual = actuals.get(name);
            boolean passed = actual != null && (name.startsWith("min_")
                    ? actual >= threshold - TOLERANCE
                    : actual <= threshold + TOLERANCE);
            results.add(new GateResult(name, threshold, actual, passed));
        });
        return results;
    }

    Row toRow() {
        return RowFactory.create(name, threshold, actual, passed);
    }
}
