package io.traceflux.parity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfidenceTest {

    private static Confidence assess(long selected, long quarantined, long unknown, long conflicts,
            boolean decisions, long baselineIncidents) {
        return Confidence.assess(new Confidence.Evidence(selected + quarantined,
                selected, quarantined, unknown, conflicts, decisions, decisions, baselineIncidents));
    }

    @Test
    void cleanLargeComparisonIsHigh() {
        // 1% quarantined and 5% unknown are at the thresholds, not above them.
        Confidence c = assess(990, 10, 49, 0, true, 3);
        assertThat(c).isEqualTo(new Confidence("high", List.of()));
    }

    @Test
    void mediumReasonsAddUp() {
        Confidence c = assess(50, 2, 5, 0, false, 0);
        assertThat(c.level()).isEqualTo("medium");
        assertThat(c.reasons()).containsExactly(
                "many quarantined rows: 2 of 52 input rows (3.8%)",
                "many signals with unknown severity: 5 of 50 selected signals (10.0%)",
                "baseline lacks per-signal fingerprints: fingerprint agreement unknown",
                "baseline lacks per-signal suppression decisions: only signals in a baseline incident count as kept",
                "tiny sample: 50 selected signals (fewer than 100)",
                "baseline has no incident in the comparison: incident_parity is 1.0 by definition");
    }

    @Test
    void anyLowReasonMakesItLow() {
        assertThat(assess(1000, 112, 0, 0, true, 5).level()).isEqualTo("low");
        assertThat(assess(1000, 0, 251, 0, true, 5).level()).isEqualTo("low");
        assertThat(assess(1000, 0, 0, 11, true, 5).reasons())
                .containsExactly("baseline conflicts (signals in several baseline incidents): 11 of 1000 selected signals (1.1%)");
        assertThat(assess(1000, 0, 0, 11, true, 5).level()).isEqualTo("low");
        assertThat(assess(1000, 0, 0, 1, true, 5).level()).isEqualTo("medium");
        assertThat(assess(0, 0, 0, 0, true, 0).reasons()).contains("no selected signals");
        assertThat(assess(0, 0, 0, 0, true, 0).level()).isEqualTo("low");
    }

    @Test
    void quarantinedRowsAreAShareOfEveryRowRead() {
        // A scope that selects nothing: 4 rows quarantined of 1,126 read, none selected.
        Confidence c = Confidence.assess(new Confidence.Evidence(1126, 0, 4, 0, 0, true, true, 0));
        assertThat(c.reasons()).doesNotContain("many quarantined rows: 4 of 4 input rows (100.0%)")
                .contains("no selected signals")
                .noneMatch(r -> r.startsWith("many quarantined rows"));
        Confidence many = Confidence.assess(new Confidence.Evidence(200, 100, 20, 0, 0, true, true, 3));
        assertThat(many.reasons()).contains("many quarantined rows: 20 of 200 input rows (10.0%)");
    }
}
