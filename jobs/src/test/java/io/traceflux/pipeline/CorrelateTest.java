package io.traceflux.pipeline;

import io.traceflux.testkit.Signals;

import static io.traceflux.pipeline.PolicyBuilder.field;
import static io.traceflux.pipeline.PolicyBuilder.policy;
import static io.traceflux.testkit.Signals.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.policy.Policy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class CorrelateTest extends PipelineTestBase {

    private static Dataset<Row> replay(Dataset<Row> in, Policy policy) {
        return ReplayPipeline.of(policy).explain(in);
    }

    @Test
    void gapEqualToTheLimitStaysInTheSessionAndGreaterStartsANewOne() {
        Dataset<Row> in = Signals.at("2026-11-20T10:00:00Z")
                .add("a", 0, s -> s.host("h1"))
                .add("b", seconds(120), s -> s.host("h2"))
                .add("c", seconds(240) + 1, s -> s.host("h3"))
                .build(spark);

        Dataset<Row> out = replay(in, policy().correlation(List.of("pop"), Duration.ofMinutes(2), null, 1).build());

        Map<String, String> incident = byId(out, "incident_id");
        assertThat(incident.get("a")).isEqualTo(incident.get("b")).startsWith("inc-");
        assertThat(incident.get("c")).isNotEqualTo(incident.get("a"));
        assertThat(byId(out, "first_signal_id")).containsEntry("b", "a").containsEntry("c", "c");
    }

    @Test
    void maxSpanCutsOnAGridFromTheSessionsFirstSignal() {
        Dataset<Row> in = Signals.at("2026-11-20T10:00:00Z")
                .add("a", 0, s -> s.host("h1"))
                .add("b", seconds(50), s -> s.host("h2"))
                .add("c", seconds(60), s -> s.host("h3"))
                .add("d", seconds(119), s -> s.host("h4"))
                .add("e", seconds(120), s -> s.host("h5"))
                .build(spark);

        Dataset<Row> out = replay(in, policy()
                .correlation(List.of(), Duration.ofMinutes(1), Duration.ofMinutes(1), 1).build());

        assertThat(byId(out, "first_signal_id")).containsEntry("a", "a").containsEntry("b", "a")
                .containsEntry("c", "c").containsEntry("d", "c").containsEntry("e", "e");
    }

    @Test
    void minSignalsCountsDuplicatesAndDuplicatesTakeTheirRepresentativesIncident() {
        Dataset<Row> in = Signals.at("2026-11-20T10:00:00Z")
                .add("a", 0, s -> s.pop("fra1"))
                .add("a-dup", seconds(10), s -> s.pop("ams2"))
                .add("lonely", 0, s -> s.pop("par1").check("other"))
                .build(spark);
        Policy p = policy().fingerprint(field("check")).dedup(Duration.ofMinutes(1))
                .correlation(List.of("pop"), Duration.ofMinutes(2), null, 2).build();

        Dataset<Row> out = replay(in, p);

        Map<String, String> incident = byId(out, "incident_id");
        assertThat(incident.get("a")).isNotEqualTo("null").isEqualTo(incident.get("a-dup"));
        assertThat(incident.get("lonely")).isEqualTo("null");
        assertThat(byId(out, "decision")).containsEntry("a", "incident").containsEntry("a-dup", "incident")
                .containsEntry("lonely", "uncorrelated");
        assertThat(byId(out, "group_key")).containsEntry("a-dup", "Map(pop -> fra1)");
        assertThat(byId(out, "reason")).containsEntry("lonely",
                "uncorrelated: group [pop=par1] piece of 1 signal(s) is below min_signals 2");
    }

    @Test
    void incidentIdIsAHashOfPolicyGroupKeyAndFirstSignal() {
        // python3: hashlib.sha256(b'test-policy\npop=fra1\na').hexdigest()[:16]
        Dataset<Row> in = Signals.at("2026-11-20T10:00:00Z").add("a", 0).build(spark);

        Dataset<Row> out = replay(in, policy().correlation(List.of("pop"), Duration.ofMinutes(2), null, 1).build());

        assertThat(byId(out, "incident_id")).containsEntry("a", "inc-1ca185b7d8298de3");
    }

    @Test
    void aDuplicateWhoseRepresentativeIsUncorrelatedIsADuplicate() {
        Dataset<Row> in = Signals.at("2026-11-20T10:00:00Z")
                .add("a", 0)
                .add("b", seconds(1))
                .build(spark);
        Policy p = policy().fingerprint(field("check")).dedup(Duration.ofMinutes(1))
                .correlation(List.of(), Duration.ofMinutes(2), null, 3).build();

        Dataset<Row> out = replay(in, p);

        assertThat(byId(out, "decision")).containsEntry("a", "uncorrelated").containsEntry("b", "duplicate");
        assertThat(byId(out, "duplicate_of")).containsEntry("b", "a");
    }

    @Test
    void aPiecesSizeAndFirstSignalComeFromOneWindowOperator() {
        Dataset<Row> in = Signals.at("2026-11-20T10:00:00Z").add("a", 0).add("b", seconds(90)).build(spark);
        Policy p = policy().fingerprint(field("check")).dedup(Duration.ofMinutes(1))
                .correlation(List.of("pop"), Duration.ofMinutes(2), Duration.ofMinutes(1), 2).build();

        Dataset<Row> out = replay(in, p);
        String plan = out.queryExecution().executedPlan().toString();

        // Each operator copies every row: dedup and sessions need two each (lag, then a running
        // maximum that reads it), pieces one for both their size and their first signal.
        assertThat(plan.split("Window \\[", -1).length - 1).isEqualTo(5);
        assertThat(byId(out, "first_signal_id")).containsEntry("a", "a").containsEntry("b", "b");
    }
}
