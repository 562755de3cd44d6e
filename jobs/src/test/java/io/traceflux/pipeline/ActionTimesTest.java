package io.traceflux.pipeline;

import static io.traceflux.pipeline.PolicyBuilder.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.actions.Firing;
import io.traceflux.actions.ReplayActions;
import io.traceflux.policy.ActionKind;
import io.traceflux.policy.ActionRule;
import io.traceflux.policy.MatcherParser;
import io.traceflux.policy.Policy;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * SPEC 3.4, per rule, on explained rows written by hand (one Spark query for all of them): when
 * an incident first satisfies each action, taking its members (duplicates included) in order of
 * (ts, signal_id).
 *
 * <pre>
 * i1 (pop=fra1)  s1 +0s minor api h1 | s2 +10s major (no service) h2 | s2b +20s warning db h1
 *                (a duplicate of s2) | s3 +30s critical api (no host) | s4 +40s minor web h3
 * i2 (pop=ams2)  u1 +5s critical api h9 | u2 +6s major api h9
 * </pre>
 */
class ActionTimesTest extends PipelineTestBase {

    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    static final StructType EXPLAINED = new StructType()
            .add("signal_id", DataTypes.StringType).add("ts", DataTypes.TimestampType)
            .add("severity", DataTypes.StringType).add("service", DataTypes.StringType)
            .add("host", DataTypes.StringType).add("fingerprint", DataTypes.StringType)
            .add("incident_id", DataTypes.StringType)
            .add("group_key", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));

    static Row row(String id, int seconds, String severity, String service, String host, String incident, String pop) {
        return RowFactory.create(id, Timestamp.from(T0.plusSeconds(seconds)), severity, service, host, "fp-" + id,
                incident, Map.of("region", "eu-west", "pop", pop));
    }

    static ActionRule action(String id, int minSignals, String... when) {
        return new ActionRule(id, Arrays.stream(when).map(MatcherParser::parse).toList(), minSignals, ActionKind.PAGE,
                "oncall-" + id, Optional.empty());
    }

    @Test
    void eachActionFiresAtTheFirstMemberThatSatisfiesIt() {
        Dataset<Row> explained = spark.createDataFrame(List.of(
                row("s1", 0, "minor", "api", "h1", "i1", "fra1"),
                row("s2", 10, "major", null, "h2", "i1", "fra1"),
                row("s2b", 20, "warning", "db", "h1", "i1", "fra1"),
                row("s3", 30, "critical", "api", null, "i1", "fra1"),
                row("s4", 40, "minor", "web", "h3", "i1", "fra1"),
                row("u1", 5, "critical", "api", "h9", "i2", "ams2"),
                row("u2", 6, "major", "api", "h9", "i2", "ams2"),
                row("x", 7, "critical", "api", "h9", null, "fra1")), EXPLAINED);
        Policy p = policy().correlation(List.of("region", "pop"), Duration.ofMinutes(2), null, 2)
                // the highest severity so far: i1 is major from s2 to s2b, critical from s3; i2
                // is critical from u1 on, so it is never major
                .action(action("sev-major", 1, "severity=\"major\""))
                // the count reaches 3 at s2b, critical holds from s3
                .action(action("critical-3", 3, "severity=~\"critical\""))
                // a duplicate's service counts as touched
                .action(action("svc-db", 1, "service=\"db\""))
                // some service touched so far is not api: s2 has none (not touched), s2b has db
                .action(action("svc-not-api", 1, "service!=\"api\""))
                // a group-key value
                .action(action("pop-fra1", 1, "pop=\"fra1\""))
                // any other name reads as "": check!="http" always holds, check="http" never
                .action(action("check-not-http", 1, "check!=\"http\""))
                .action(action("check-http", 1, "check=\"http\""))
                // hosts like services, with min_signals: h3 first at s4
                .action(action("host-h3", 2, "host=~\"h[0-9]*3\""))
                // min_signals counts duplicates: the third member of i1 is the duplicate s2b
                .action(action("three", 3))
                .build();
        ReplayPipeline pipeline = ReplayPipeline.of(p);

        Dataset<Row> incidents = pipeline.incidents(explained);
        List<Firing> firings = ReplayActions.of(incidents, p.actions());

        assertThat(firings.stream().map(f -> f.incidentId() + " " + f.actionId() + " +"
                + Duration.between(T0, f.firesAt()).toSeconds() + "s")).containsExactly(
                "i1 pop-fra1 +0s", "i1 check-not-http +0s", "i2 check-not-http +5s", "i1 sev-major +10s",
                "i1 svc-db +20s", "i1 svc-not-api +20s", "i1 three +20s", "i1 critical-3 +30s", "i1 host-h3 +40s");
        assertThat(firings).allMatch(f -> !f.heldByCooldown() && f.kind() == ActionKind.PAGE);
        assertThat(firings.get(3).rule()).isEqualTo("page oncall-sev-major when {severity=\"major\"} (action sev-major)");
        assertThat(firings.get(8).rule())
                .isEqualTo("page oncall-host-h3 when {host=~\"h[0-9]*3\"} from 2 signals (action host-h3)");
        // The table's columns are unchanged, and the actions ride on the incidents' exchange.
        assertThat(Arrays.asList(incidents.columns())).endsWith("title", ActionTimes.COLUMN);
        assertThat(exchanges(incidents)).isEqualTo(exchanges(ReplayPipeline.of(policy().build()).incidents(explained)))
                .isEqualTo(1);
    }

    private static long exchanges(Dataset<Row> plan) {
        return Pattern.compile("Exchange ").matcher(plan.queryExecution().executedPlan().toString()).results().count();
    }
}
