package io.traceflux.pipeline;

import static io.traceflux.pipeline.PolicyBuilder.drop;
import static io.traceflux.pipeline.PolicyBuilder.field;
import static io.traceflux.pipeline.PolicyBuilder.inhibit;
import static io.traceflux.pipeline.PolicyBuilder.m;
import static io.traceflux.pipeline.PolicyBuilder.policy;
import static io.traceflux.testkit.Signals.seconds;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_json;
import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.policy.FingerprintField;
import io.traceflux.policy.Policy;
import io.traceflux.testkit.Signals;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class CoPartitionTest extends PipelineTestBase {

    private static final FingerprintField HOST_WITHOUT_REPLICA =
            new FingerprintField("host", Optional.of(new FingerprintField.Normalize("-[0-9]+$", "")));

    /** Fingerprints service unchanged, host normalized; groups by region and service. */
    private static PolicyBuilder candidate() {
        return policy().fingerprint(field("check"), field("service"), HOST_WITHOUT_REPLICA)
                .dedup(Duration.ofSeconds(90))
                .correlation(List.of("region", "service"), Duration.ofMinutes(2), Duration.ofMinutes(5), 3);
    }

    @Test
    void aFieldThatEveryPolicyGroupsByAndFingerprintsUnchangedIsTheKey() {
        Policy other = candidate().correlation(List.of("service"), Duration.ofMinutes(1), null, 2).build();

        assertThat(CoPartition.of(List.of(candidate().build()), 8).fields()).containsExactly("service");
        assertThat(CoPartition.of(List.of(candidate().build(), other), 8).fields()).containsExactly("service");
    }

    @Test
    void normalizedFieldsUngroupedFieldsAndSeverityNeverQualify() {
        Policy byHost = candidate().correlation(List.of("host"), Duration.ofMinutes(2), null, 1).build();
        Policy bySeverity = candidate().fingerprint(field("severity")).correlation(List.of("severity"),
                Duration.ofMinutes(2), null, 1).build();
        Policy oneGroup = candidate().correlation(List.of(), Duration.ofMinutes(2), null, 1).build();
        Policy byPop = candidate().correlation(List.of("pop"), Duration.ofMinutes(2), null, 1).build();

        assertThat(CoPartition.of(List.of(byHost), 8).isPresent()).isFalse();
        assertThat(CoPartition.of(List.of(bySeverity), 8).isPresent()).isFalse();
        assertThat(CoPartition.of(List.of(oneGroup), 8).isPresent()).isFalse();
        assertThat(CoPartition.of(List.of(candidate().build(), byPop), 8).isPresent()).isFalse();
    }

    @Test
    void withoutDedupEveryGroupByFieldQualifies() {
        Policy noDedup = policy().fingerprint(field("check"))
                .correlation(List.of("region", "pop"), Duration.ofMinutes(2), null, 1).build();

        assertThat(CoPartition.of(List.of(noDedup), 8).fields()).containsExactly("region", "pop");
    }

    @Test
    void coPartitionedDecisionsEqualThoseOfOneShufflePerWindow() {
        Policy p = candidate()
                .rule(drop("drop-info", m("severity", "=~", "info")))
                .rule(inhibit("pop-down", List.of(m("check", "=", "pop_down")), List.of(m("check", "!=", "pop_down")),
                        List.of("pop"), Duration.ofSeconds(30)))
                .build();
        Dataset<Row> in = mixedWindow();

        List<Row> perWindow = outcomes(ReplayPipeline.of(p).explain(in));
        List<Row> coPartitioned = outcomes(ReplayPipeline.of(p, CoPartition.of(List.of(p), 3)).explain(in));

        assertThat(coPartitioned).containsExactlyElementsOf(perWindow);
        assertThat(perWindow.stream().map(r -> r.getString(1)).distinct())
                .contains("suppressed", "duplicate", "incident", "uncorrelated");
    }

    @Test
    void twoPoliciesShuffleOnceEachAndTheirDecisionsMeetWhereTheyLie() {
        Policy replay = candidate().rule(drop("drop-info", m("severity", "=~", "info"))).build();
        Policy baseline = candidate().dedup(Duration.ofMinutes(2))
                .correlation(List.of("service"), Duration.ofMinutes(1), null, 2).build();
        Dataset<Row> in = mixedWindow();
        withJoinSettings(() -> {
            CoPartition part = CoPartition.of(List.of(replay, baseline), 3);
            Dataset<Row> joined = decisionsJoined(in, replay, baseline, part, List.of("signal_id", CoPartition.PART));
            assertThat(exchanges(joined)).isZero();
            assertThat(shuffles(joined)).isEqualTo(2);
            // Without the key each policy shuffles per window and the join shuffles both sides again.
            assertThat(shuffles(decisionsJoined(in, replay, baseline, CoPartition.none(), List.of("signal_id"))))
                    .isGreaterThanOrEqualTo(6);
        });
    }

    @Test
    void wholeSignalsAloneAreShuffledToMeetCoPartitionedDecisions() {
        Policy p = candidate().rule(drop("drop-info", m("severity", "=~", "info"))).build();
        Dataset<Row> in = mixedWindow();
        withJoinSettings(() -> {
            ReplayPipeline coPartitioned = ReplayPipeline.of(p, CoPartition.of(List.of(p), 3));
            ReplayPipeline perWindow = ReplayPipeline.of(p);
            Dataset<Row> whole = coPartitioned.whole(in, coPartitioned.decisions(in));
            Dataset<Row> expected = perWindow.whole(in, perWindow.decisions(in));

            // One shuffle for the decisions, one for the whole signals: none for the decisions again.
            assertThat(exchanges(whole)).isEqualTo(1);
            assertThat(shuffles(whole)).isEqualTo(2);
            assertThat(whole.columns()).containsExactly(expected.columns());
            assertThat(outcomes(whole)).containsExactlyElementsOf(outcomes(expected));
            assertThat(whole.select("signal_id", "service", "host", "check").orderBy("signal_id").collectAsList())
                    .containsExactlyElementsOf(in.select("signal_id", "service", "host", "check")
                            .orderBy("signal_id").collectAsList());
        });
    }

    /** Runs {@code body} with the job's co-partitioning join setting and no broadcast joins. */
    private static void withJoinSettings(Runnable body) {
        String key = "spark.sql.requireAllClusterKeysForCoPartition";
        String broadcast = "spark.sql.autoBroadcastJoinThreshold";
        spark.conf().set(key, "false");
        // Tiny test rows would be broadcast; a window of signals never is.
        spark.conf().set(broadcast, "-1");
        try {
            body.run();
        } finally {
            spark.conf().unset(key);
            spark.conf().unset(broadcast);
        }
    }

    private static Dataset<Row> decisionsJoined(Dataset<Row> in, Policy replay, Policy baseline, CoPartition part,
            List<String> keys) {
        List<org.apache.spark.sql.Column> columns = new java.util.ArrayList<>();
        keys.forEach(k -> columns.add(col(k)));
        columns.add(col("incident_id").as("b_incident_id"));
        Dataset<Row> b = ReplayPipeline.of(baseline, part).decisions(in)
                .select(columns.toArray(org.apache.spark.sql.Column[]::new));
        return ReplayPipeline.of(replay, part).decisions(in)
                .join(b, io.traceflux.spark.ScalaSeqs.of(keys), "left");
    }

    /** Hash-partitioning exchanges in the plan of the query itself (broadcasts left out). */
    private static int exchanges(Dataset<Row> plan) {
        String text = plan.queryExecution().executedPlan().toString();
        return text.split("Exchange hashpartitioning", -1).length - 1;
    }

    /**
     * Shuffles the query reads, the sorted passes' own included: Spark's plan shows a pass's
     * rows as a scan of their RDD, whose lineage holds the pass's shuffle.
     */
    private static int shuffles(Dataset<Row> plan) {
        String lineage = plan.queryExecution().toRdd().toDebugString();
        return lineage.split("ShuffledRowRDD\\[", -1).length - 1;
    }

    /**
     * Three services on two regions, hosts with replica suffixes, info signals to drop, a
     * pop_down probe that inhibits, and gaps that start new episodes, sessions and pieces.
     */
    private static Dataset<Row> mixedWindow() {
        Signals signals = Signals.at("2026-11-20T10:00:00Z");
        String[] services = {"api", "db", "web"};
        for (int i = 0; i < 60; i++) {
            int n = i;
            String service = services[n % 3];
            signals.add(String.format("s%02d", n), seconds(n * 17L % 600) + n, s -> s.service(service)
                    .region(n % 2 == 0 ? "eu-west" : "us-east").pop(n % 4 == 0 ? "fra1" : "ams2")
                    .host("h" + n % 5 + "-" + n % 3).check(n % 7 == 0 ? "disk" : "http")
                    .severity(n % 6 == 0 ? "info" : "major"));
        }
        signals.add("probe", seconds(200), s -> s.check("pop_down").pop("fra1"));
        return signals.build(spark);
    }

    private static List<Row> outcomes(Dataset<Row> explained) {
        return explained.select(col("signal_id"), col("decision"), col("reason"), col("fingerprint"),
                        col("suppressed_by"), col("duplicate_of"), col("incident_id"), to_json(col("group_key")))
                .orderBy("signal_id").collectAsList();
    }
}
