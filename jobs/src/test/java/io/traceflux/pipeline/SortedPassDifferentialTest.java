package io.traceflux.pipeline;

import static io.traceflux.pipeline.PolicyBuilder.drop;
import static io.traceflux.pipeline.PolicyBuilder.field;
import static io.traceflux.pipeline.PolicyBuilder.m;
import static io.traceflux.pipeline.PolicyBuilder.policy;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.unix_micros;
import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.policy.FingerprintField;
import io.traceflux.policy.Policy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sorted pass ({@link SortedPass}, used where a co-partition key applies) against the
 * window plan ({@link Deduplicate} and {@link Correlate}, used where none does), on
 * {@link GeneratedWindows} of several seeds, for policies that cover dedup or none, a zero
 * window, max_span or none, min_signals above 1, group_by values that are not fingerprinted
 * (a label, the canonical severity, region, pop) and a policy baseline sharing the key: every
 * decision column and every incident, row for row.
 *
 * <p>By default two small windows keep the test to seconds; {@code -Dtraceflux.soak=true}
 * compares eight seeds with storms of 20,000 signals each.
 */
class SortedPassDifferentialTest extends PipelineTestBase {

    private static final boolean SOAK = Boolean.getBoolean("traceflux.soak");
    private static final long[] SEEDS = SOAK ? new long[] {11, 23, 37, 41, 59, 61, 73, 89} : new long[] {11, 23};
    private static final int STORM = SOAK ? 20_000 : 500;
    private static final FingerprintField HOST_WITHOUT_REPLICA =
            new FingerprintField("host", Optional.of(new FingerprintField.Normalize("-[0-9]+$", "")));

    private static Dataset<Row> windows;

    @BeforeAll
    static void generate() {
        windows = GeneratedWindows.of(spark, SEEDS, STORM).cache();
    }

    @AfterAll
    static void release() {
        windows.unpersist();
    }

    /** One policy on one key: what the test compares. */
    private record Case(String name, Policy policy, CoPartition key) {

        static Case alone(String name, Policy policy) {
            return new Case(name, policy, CoPartition.of(List.of(policy), 3));
        }
    }

    private static List<Case> cases() {
        Policy replay = candidate().build();
        Policy baseline = candidate().dedup(seconds(120))
                .correlation(List.of("region", "service"), seconds(120), seconds(600), 2).build();
        CoPartition shared = CoPartition.of(List.of(replay, baseline), 3);
        assertThat(shared.fields()).containsExactly("service");
        return List.of(
                Case.alone(CANDIDATE, replay),
                Case.alone("no dedup, no max_span", policy().fingerprint(field("check"), field("host"))
                        .correlation(List.of("service"), seconds(60), null, 1).build()),
                Case.alone("zero dedup window, pop not fingerprinted", policy()
                        .fingerprint(field("check"), field("service")).dedup(Duration.ZERO)
                        .rule(drop("drop-team-1", m("team", "=", "t1")))
                        .correlation(List.of("service", "pop"), seconds(30), seconds(60), 2).build()),
                Case.alone("label and severity groups, max_span equal to the gap", policy()
                        .fingerprint(field("service"), field("check")).dedup(seconds(120))
                        .rule(drop("drop-warning", m("severity", "=~", "warning")))
                        .correlation(List.of("service", "team", "severity"), seconds(120), seconds(120), 4).build()),
                Case.alone(STRICT, minSignalsWithDuplicates()),
                new Case("replay policy on the key it shares with its baseline", replay, shared),
                new Case("baseline policy on the key it shares with the replay", baseline, shared));
    }

    /**
     * All cases in one query per plan and output (every case's rows tagged with its name), so
     * Spark plans and runs four jobs, not four per case.
     */
    @Test
    void theSortedPassDecidesEverySignalAndIncidentAsTheWindowPlan() {
        List<Case> cases = cases();
        List<Dataset<Row>> windowDecisions = new ArrayList<>();
        List<Dataset<Row>> passDecisions = new ArrayList<>();
        List<Dataset<Row>> windowIncidents = new ArrayList<>();
        List<Dataset<Row>> passIncidents = new ArrayList<>();
        for (Case c : cases) {
            assertThat(c.key().isPresent()).as(c.name()).isTrue();
            ReplayPipeline windowPlan = ReplayPipeline.of(c.policy());
            ReplayPipeline sortedPass = ReplayPipeline.of(c.policy(), c.key());
            Dataset<Row> expected = windowPlan.explain(windows);
            Dataset<Row> actual = sortedPass.explain(windows);
            windowDecisions.add(decisions(c.name(), expected));
            passDecisions.add(decisions(c.name(), actual));
            windowIncidents.add(incidents(c.name(), windowPlan.incidents(expected)));
            passIncidents.add(incidents(c.name(), sortedPass.incidents(actual)));
        }
        Map<String, List<Row>> expectedDecisions = byCase(windowDecisions);
        Map<String, List<Row>> actualDecisions = byCase(passDecisions);
        Map<String, List<Row>> expectedIncidents = byCase(windowIncidents);
        Map<String, List<Row>> actualIncidents = byCase(passIncidents);

        long signals = windows.count();
        for (Case c : cases) {
            assertThat(expectedDecisions.get(c.name())).as(c.name()).hasSize((int) signals);
            assertThat(actualDecisions.get(c.name())).as(c.name())
                    .containsExactlyElementsOf(expectedDecisions.get(c.name()));
            assertThat(expectedIncidents.get(c.name())).as(c.name()).isNotEmpty();
            assertThat(actualIncidents.get(c.name())).as(c.name())
                    .containsExactlyElementsOf(expectedIncidents.get(c.name()));
        }
        assertTheWindowsReachTheirEdges(expectedDecisions.get(CANDIDATE), expectedDecisions.get(STRICT));
    }

    /** Spark plans no shuffle for an empty input: the pass's rows then go unlabelled, not refused. */
    @Test
    void anEmptySelectionGetsNoDecisions() {
        Policy p = candidate().build();
        ReplayPipeline sortedPass = ReplayPipeline.of(p, CoPartition.of(List.of(p), 3));
        Dataset<Row> none = windows.filter(lit(false));

        assertThat(sortedPass.whole(none, sortedPass.decisions(none)).count()).isZero();
    }

    /**
     * The generated windows meet what they are made for, read from the window plan's
     * decisions: else equal outputs would prove little.
     */
    private static void assertTheWindowsReachTheirEdges(List<Row> candidate, List<Row> strict) {
        assertThat(candidate).anyMatch(r -> "suppressed".equals(r.getString(DECISION)));
        // Duplicates in their representative's incident, whose own region is another group's.
        assertThat(candidate).anyMatch(r -> !r.isNullAt(DUPLICATE_OF) && !r.isNullAt(INCIDENT_ID)
                && !r.getString(GROUP_KEY).contains("\"region\":\"" + r.getString(REGION) + "\""));
        // Duplicates reach past max_span (5m) behind their representative.
        assertThat(pieces(candidate).values()).anyMatch(p -> p.span() >= 300_000_000L);
        // Pieces that reach min_signals 5 only with duplicates.
        assertThat(pieces(strict).values()).anyMatch(p -> p.representatives() < 5);
        assertThat(strict).anyMatch(r -> "uncorrelated".equals(r.getString(DECISION)));
        assertThat(strict).anyMatch(r -> "duplicate".equals(r.getString(DECISION)));
    }

    /** An incident's representatives and the span of all its signals' times. */
    private record Piece(int representatives, long span) {
    }

    private static Map<String, Piece> pieces(List<Row> decisions) {
        Map<String, List<Row>> byIncident = decisions.stream().filter(r -> !r.isNullAt(INCIDENT_ID))
                .collect(Collectors.groupingBy(r -> r.getString(INCIDENT_ID)));
        Map<String, Piece> pieces = new HashMap<>();
        byIncident.forEach((id, rows) -> {
            LongSummaryStatistics us = rows.stream().mapToLong(r -> r.getLong(US)).summaryStatistics();
            int reps = (int) rows.stream().filter(r -> r.isNullAt(DUPLICATE_OF)).count();
            pieces.put(id, new Piece(reps, us.getMax() - us.getMin()));
        });
        return pieces;
    }

    private static Policy minSignalsWithDuplicates() {
        return policy().fingerprint(field("check"), field("service"), HOST_WITHOUT_REPLICA).dedup(seconds(300))
                .correlation(List.of("service", "region"), seconds(30), seconds(30), 5).build();
    }

    /** Fingerprints service unchanged, host normalized; groups by region and service. */
    private static PolicyBuilder candidate() {
        return policy().fingerprint(field("check"), field("service"), HOST_WITHOUT_REPLICA)
                .dedup(seconds(60))
                .rule(drop("drop-info", m("severity", "=~", "info|unknown")))
                .correlation(List.of("region", "service"), seconds(120), seconds(300), 3);
    }

    private static final String CANDIDATE = "dedup, max_span, min_signals 3, region not fingerprinted";
    private static final String STRICT = "min_signals reached with duplicates";
    /** Positions in {@link #decisions} rows after the case name. */
    private static final int US = 2;
    private static final int REGION = 5;
    private static final int DUPLICATE_OF = 12;
    private static final int INCIDENT_ID = 13;
    private static final int GROUP_KEY = 14;
    private static final int DECISION = 15;

    private static Dataset<Row> decisions(String name, Dataset<Row> explained) {
        return explained.select(lit(name).as("case"), col("signal_id"), unix_micros(col("ts")).as("us"),
                col("ts"), col("service"), col("region"), col("pop"), col("host"), col("severity"),
                col("raw_severity"), col("fingerprint"), col("suppressed_by"), col("duplicate_of"),
                col("incident_id"), to_json(col("group_key")).as("group_key"), col("decision"), col("_piece_size"),
                col("first_signal_id"), col("reason"));
    }

    private static Dataset<Row> incidents(String name, Dataset<Row> incidents) {
        return incidents.withColumn("group_key", to_json(col("group_key")))
                .select(lit(name).as("case"), col("*"));
    }

    /** The union's rows by case name, each case's ordered by its second column (a unique id). */
    private static Map<String, List<Row>> byCase(List<Dataset<Row>> parts) {
        Dataset<Row> all = parts.stream().reduce(Dataset::union).orElseThrow();
        String second = all.columns()[1];
        return all.orderBy("case", second).collectAsList().stream()
                .collect(Collectors.groupingBy(r -> r.getString(0), Collectors.toList()));
    }

    private static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}
