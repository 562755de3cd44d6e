package io.traceflux.pipeline;

import io.traceflux.testkit.Signals;

import static io.traceflux.pipeline.PolicyBuilder.field;
import static io.traceflux.testkit.Signals.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class DeduplicateTest extends PipelineTestBase {

    private static Dataset<Row> dedup(Dataset<Row> in, Optional<Duration> window) {
        Dataset<Row> fp = new Fingerprint(List.of(field("check"))).apply(normalized(in));
        return new Deduplicate(window, List.of("pop")).apply(new Suppress(List.of()).apply(fp));
    }

    @Test
    void gapEqualToTheWindowStaysInTheEpisodeAndAGreaterGapStartsANewOne() {
        Dataset<Row> in = Signals.at("2026-11-20T10:00:00Z")
                .add("a", 0)
                .add("b", seconds(60))
                .add("c", seconds(120) + 1)
                .add("d", seconds(180) + 1)
                .add("x", seconds(30), s -> s.check("other"))
                .build(spark);

        Dataset<Row> out = dedup(in, Optional.of(Duration.ofMinutes(1)));

        assertThat(byId(out, "duplicate_of")).containsEntry("a", "null").containsEntry("b", "a")
                .containsEntry("c", "null").containsEntry("d", "c").containsEntry("x", "null");
        assertThat(byId(out, "_representative")).containsEntry("b", "a").containsEntry("d", "c")
                .containsEntry("x", "x");
    }

    @Test
    void tiesInTsAreBrokenBySignalIdInByteOrder() {
        Dataset<Row> in = Signals.at("2026-11-20T10:00:00Z")
                .add("b", 0)
                .add("B", 0)
                .add("a", 0)
                .build(spark);

        Dataset<Row> out = dedup(in, Optional.of(Duration.ofSeconds(1)));

        assertThat(byId(out, "duplicate_of")).containsEntry("B", "null").containsEntry("a", "B")
                .containsEntry("b", "B");
    }

    @Test
    void timestampsCompareAtMicrosecondPrecision() {
        Dataset<Row> in = Signals.at("2026-11-20T10:00:00Z")
                .add("a", 0)
                .add("b", 1_000_001)
                .build(spark);

        assertThat(byId(dedup(in, Optional.of(Duration.ofSeconds(1))), "duplicate_of")).containsEntry("b", "null");
        assertThat(byId(dedup(in, Optional.of(Duration.ofMillis(1001))), "duplicate_of")).containsEntry("b", "a");
    }

    @Test
    void noDedupKeepsEverySignalAsItsOwnRepresentative() {
        Dataset<Row> in = Signals.at("2026-11-20T10:00:00Z").add("a", 0).add("b", 0).build(spark);

        Dataset<Row> out = dedup(in, Optional.empty());

        assertThat(byId(out, "duplicate_of")).containsEntry("a", "null").containsEntry("b", "null");
        assertThat(byId(out, "_representative")).containsEntry("b", "b");
    }

    @Test
    void eachSignalCarriesItsRepresentativesTimeIdAndGroupValues() {
        Dataset<Row> in = Signals.at("2026-11-20T10:00:00Z")
                .add("a", 0, s -> s.pop("fra1"))
                .add("b", seconds(30), s -> s.pop("ams1"))
                .build(spark);

        Dataset<Row> out = dedup(in, Optional.of(Duration.ofMinutes(1)));

        String start = String.valueOf(java.time.Instant.parse("2026-11-20T10:00:00Z").toEpochMilli() * 1_000);
        assertThat(byId(out, "_rep.us")).containsEntry("a", start).containsEntry("b", start);
        assertThat(byId(out, "_rep.id")).containsEntry("a", "a").containsEntry("b", "a");
        assertThat(byId(out.withColumn("rep_pop", org.apache.spark.sql.functions.element_at(
                org.apache.spark.sql.functions.col("_rep.group"), 1)), "rep_pop"))
                .containsEntry("a", "fra1").containsEntry("b", "fra1");
    }

    @Test
    void suppressedSignalsAreNotDeduplicated() {
        Dataset<Row> in = Signals.at("2026-11-20T10:00:00Z")
                .add("a", 0, s -> s.severity("info"))
                .add("b", 1)
                .build(spark);

        Dataset<Row> out = ReplayPipeline.of(PolicyBuilder.policy().fingerprint(field("check"))
                .dedup(Duration.ofMinutes(1))
                .rule(PolicyBuilder.drop("info", PolicyBuilder.m("severity", "=", "info"))).build())
                .explain(in);

        assertThat(byId(out, "duplicate_of")).containsEntry("a", "null").containsEntry("b", "null");
        assertThat(byId(out, "_representative")).containsEntry("a", "null").containsEntry("b", "b");
        assertThat(byId(out, "decision")).containsEntry("a", "suppressed");
    }
}
