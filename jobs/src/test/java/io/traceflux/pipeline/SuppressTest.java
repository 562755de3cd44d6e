package io.traceflux.pipeline;

import io.traceflux.testkit.Signals;

import static io.traceflux.pipeline.PolicyBuilder.drop;
import static io.traceflux.pipeline.PolicyBuilder.inhibit;
import static io.traceflux.pipeline.PolicyBuilder.m;
import static io.traceflux.pipeline.PolicyBuilder.maintenance;
import static io.traceflux.testkit.Signals.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.policy.SuppressionRule;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class SuppressTest extends PipelineTestBase {

    private static Dataset<Row> suppress(Dataset<Row> in, SuppressionRule... rules) {
        return new Suppress(List.of(rules)).apply(normalized(in));
    }

    @Test
    void firstMatchingRuleWins() {
        Dataset<Row> in = Signals.at("2026-11-20T10:00:00Z")
                .add("a", 0, s -> s.severity("info"))
                .add("b", 0, s -> s.severity("info").check("disk"))
                .add("c", 0)
                .build(spark);

        Dataset<Row> out = suppress(in, drop("disk", m("check", "=", "disk")), drop("info", m("severity", "=", "info")));

        assertThat(byId(out, "suppressed_by")).containsEntry("a", "info").containsEntry("b", "disk")
                .containsEntry("c", "null");
    }

    @Test
    void dropSeesTheCanonicalSeverity() {
        Dataset<Row> in = Signals.at("2026-11-20T10:00:00Z").add("a", 0, s -> s.severity("INFO")).build(spark);

        assertThat(byId(suppress(in, drop("info", m("severity", "=", "info"))), "suppressed_by"))
                .containsEntry("a", "info");
    }

    @Test
    void maintenanceIsHalfOpen() {
        Dataset<Row> in = Signals.at("2026-11-20T10:00:00Z")
                .add("before", -1)
                .add("from", 0)
                .add("inside", seconds(59))
                .add("to", seconds(60))
                .add("otherpop", seconds(1), s -> s.pop("ams2"))
                .build(spark);

        Dataset<Row> out = suppress(in,
                maintenance("mw", "2026-11-20T10:00:00Z", "2026-11-20T10:01:00Z", m("pop", "=", "fra1")));

        assertThat(byId(out, "suppressed_by")).containsEntry("before", "null").containsEntry("from", "mw")
                .containsEntry("inside", "mw").containsEntry("to", "null").containsEntry("otherpop", "null");
    }

    @Test
    void inhibitWithinIsInclusiveInBothDirectionsAndNeedsEqualValues() {
        Dataset<Row> in = Signals.at("2026-11-20T10:00:00Z")
                .add("src", seconds(120), s -> s.check("pop_down"))
                .add("early-edge", 0)
                .add("early-out", -1)
                .add("late-edge", seconds(240))
                .add("late-out", seconds(240) + 1)
                .add("otherpop", seconds(120), s -> s.pop("ams2"))
                .add("same", seconds(121))
                .build(spark);

        Dataset<Row> out = suppress(in, inhibit("pop-down", List.of(m("check", "=", "pop_down")),
                List.of(m("check", "!=", "pop_down")), List.of("pop"), Duration.ofMinutes(2)));

        assertThat(byId(out, "suppressed_by")).containsExactlyEntriesOf(new java.util.TreeMap<>(java.util.Map.of(
                "src", "null", "early-edge", "pop-down", "early-out", "null", "late-edge", "pop-down",
                "late-out", "null", "otherpop", "null", "same", "pop-down")));
    }

    @Test
    void sourceSuppressedByEarlierRuleDoesNotInhibit() {
        Dataset<Row> in = Signals.at("2026-11-20T10:00:00Z")
                .add("src", 0, s -> s.check("pop_down").severity("info"))
                .add("tgt", seconds(1))
                .build(spark);

        Dataset<Row> out = suppress(in, drop("info", m("severity", "=", "info")),
                inhibit("pop-down", List.of(m("check", "=", "pop_down")), List.of(m("check", "=~", ".*")),
                        List.of(), Duration.ofMinutes(1)));

        assertThat(byId(out, "suppressed_by")).containsEntry("src", "info").containsEntry("tgt", "null");
    }

    @Test
    void aSignalMatchingTheSourceIsNeverATarget() {
        Dataset<Row> in = Signals.at("2026-11-20T10:00:00Z")
                .add("s1", 0, s -> s.check("pop_down"))
                .add("s2", seconds(1), s -> s.check("pop_down"))
                .add("t", seconds(2))
                .build(spark);

        Dataset<Row> out = suppress(in, inhibit("all", List.of(m("check", "=", "pop_down")),
                List.of(m("check", "=~", ".*")), List.of(), Duration.ofMinutes(1)));

        assertThat(byId(out, "suppressed_by")).containsEntry("s1", "null").containsEntry("s2", "null")
                .containsEntry("t", "all");
    }

    @Test
    void zeroWithinInhibitsOnlyEqualTimestampsAndTargetsStayWithTheirEarlierRule() {
        Dataset<Row> in = Signals.at("2026-11-20T10:00:00Z")
                .add("src", 5, s -> s.check("pop_down"))
                .add("eq", 5)
                .add("next", 6)
                .add("dropped", 5, s -> s.check("disk"))
                .build(spark);

        Dataset<Row> out = suppress(in, drop("disk", m("check", "=", "disk")),
                inhibit("zero", List.of(m("check", "=", "pop_down")), List.of(m("check", "!=", "pop_down")),
                        List.of("pop"), Duration.ZERO));

        assertThat(byId(out, "suppressed_by")).containsEntry("eq", "zero").containsEntry("next", "null")
                .containsEntry("dropped", "disk");
    }

    @Test
    void inhibitEqualOnAbsentLabelsTreatsThemAsEmpty() {
        Dataset<Row> in = Signals.at("2026-11-20T10:00:00Z")
                .add("src", 0, s -> s.check("pop_down").noLabels())
                .add("t-empty", seconds(1), s -> s.label("rack", ""))
                .add("t-other", seconds(1), s -> s.label("rack", "r1"))
                .build(spark);

        Dataset<Row> out = suppress(in, inhibit("rack", List.of(m("check", "=", "pop_down")),
                List.of(m("check", "=", "http")), List.of("rack"), Duration.ofSeconds(10)));

        assertThat(byId(out, "suppressed_by")).containsEntry("t-empty", "rack").containsEntry("t-other", "null");
    }

    @Test
    void inhibitLooksUpBucketsComputedOnceNotAnAggregateOfTheSignals() {
        Dataset<Row> in = Signals.at("2026-11-20T10:00:00Z")
                .add("src", 0, s -> s.check("pop_down"))
                .add("t", seconds(1))
                .build(spark);

        Dataset<Row> out = suppress(in, inhibit("pop-down", List.of(m("check", "=", "pop_down")),
                List.of(m("check", "!=", "pop_down")), List.of("pop"), Duration.ofMinutes(1)));

        // Every query reading the suppressed signals would otherwise aggregate them again.
        String plan = out.queryExecution().executedPlan().treeString();
        assertThat(plan).doesNotContain("Aggregate").contains("BroadcastHashJoin");
        assertThat(byId(out, "suppressed_by")).containsEntry("t", "pop-down").containsEntry("src", "null");
    }
}
