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
 * @param passed    {@code min_*}: actual &gt;= threshold; {@code max_*}: actual &lt;= threshold
 */
public record GateResult(String name, double threshold, double actual, boolean passed) {

    /**
     * Slack for floating-point noise: an F1 that is mathematically 0.95 may be computed as
     * 0.9499999999999999 and must still pass {@code min_bcubed_f1: 0.95}.
     */
    static final double TOLERANCE = 1e-9;

    /**
     * Evaluates every gate in {@code thresholds}, in its order, against {@code actuals}.
     *
     * @throws IllegalArgumentException for a gate name policy validation should have rejected
     */
    static List<GateResult> evaluate(Map<String, Double> thresholds, Map<String, Double> actuals) {
        List<GateResult> results = new ArrayList<>();
        thresholds.forEach((name, threshold) -> {
            Double actual = actuals.get(name);
            if (!GovernanceSpec.GATE_NAMES.contains(name) || actual == null) {
                throw new IllegalArgumentException("unknown parity gate: " + name);
            }
            boolean passed = name.startsWith("min_")
                    ? actual >= threshold - TOLERANCE
                    : actual <= threshold + TOLERANCE;
            results.add(new GateResult(name, threshold, actual, passed));
        });
        return results;
    }

    Row toRow() {
        return RowFactory.create(name, threshold, actual, passed);
    }
}
