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
        return new Deduplicate(window).apply(new Suppress(List.of()).apply(fp));
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
        assertThat(byId(out, "_episode_size")).containsEntry("a", "2").containsEntry("d", "2")
                .containsEntry("x", "1");
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
    void suppressedSignalsAreNotDeduplicated() {
        Dataset<Row> in = Signals.at("2026-11-20T10:00:00Z")
                .add("a", 0, s -> s.severity("info"))
                .add("b", 1)
                .build(spark);
        Dataset<Row> fp = new Fingerprint(List.of(field("check"))).apply(normalized(in));
        Dataset<Row> suppressed = new Suppress(List.of(PolicyBuilder.drop("info",
                PolicyBuilder.m("severity", "=", "info")))).apply(fp);

        Dataset<Row> out = new Deduplicate(Optional.of(Duration.ofMinutes(1))).apply(suppressed);

        assertThat(byId(out, "duplicate_of")).containsEntry("a", "null").containsEntry("b", "null");
        assertThat(byId(out, "_representative")).containsEntry("a", "null").containsEntry("b", "b");
    }
}
