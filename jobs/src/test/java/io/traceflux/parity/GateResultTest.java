package io.traceflux.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateResultTest {

    private static final Map<String, Double> ACTUALS = Map.of(
            "min_incident_parity", 0.9, "min_bcubed_f1", 0.95 - 1e-12, "max_missing_critical", 1.0,
            "max_new_incidents", 2.0, "max_newly_suppressed", 0.0);

    @Test
    void minimumsPassAtOrAboveAndMaximumsAtOrBelowTheThreshold() {
        Map<String, Double> thresholds = new LinkedHashMap<>();
        thresholds.put("max_missing_critical", 0.0);
        thresholds.put("min_incident_parity", 0.9);
        thresholds.put("min_bcubed_f1", 0.95);
        thresholds.put("max_new_incidents", 1.0);
        thresholds.put("max_newly_suppressed", 0.0);
        assertThat(GateResult.evaluate(thresholds, ACTUALS, false)).containsExactly(
                new GateResult("max_missing_critical", 0.0, 1.0, false, null),
                new GateResult("min_incident_parity", 0.9, 0.9, true, null),
                // Floating-point noise below the threshold still passes.
                new GateResult("min_bcubed_f1", 0.95, 0.95 - 1e-12, true, null),
                new GateResult("max_new_incidents", 1.0, 2.0, false, null),
                new GateResult("max_newly_suppressed", 0.0, 0.0, true, null));
    }

    @Test
    void aMeaningfulShortfallFails() {
        assertThat(GateResult.evaluate(Map.of("min_incident_parity", 0.9000001), ACTUALS, false))
                .extracting(GateResult::passed).containsExactly(false);
    }

    @Test
    void noGatesIsAnEmptyList() {
        assertThat(GateResult.evaluate(Map.of(), ACTUALS, false)).isEqualTo(List.of());
    }

    @Test
    void anUnknownGateIsRejected() {
        assertThatThrownBy(() -> GateResult.evaluate(Map.of("min_vibes", 1.0), ACTUALS, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min_vibes");
    }

    @Test
    void nothingSelectedFailsEveryGateWithTheReason() {
        assertThat(GateResult.evaluate(Map.of("max_new_incidents", 1.0), ACTUALS, true)).containsExactly(
                new GateResult("max_new_incidents", 1.0, 2.0, false, GateResult.NOTHING_SELECTED));
    }
}
