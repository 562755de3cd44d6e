package io.traceflux.pipeline;

import io.traceflux.testkit.Signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.policy.Severity;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class NormalizeTest extends PipelineTestBase {

    @Test
    void canonicalNamesAndMapKeysMatchCaseInsensitivelyWithoutTrimming() {
        Dataset<Row> in = Signals.at("2026-11-20T10:00:00Z")
                .add("a", 0, s -> s.severity("CRITICAL"))
                .add("b", 0, s -> s.severity("Error"))
                .add("c", 0, s -> s.severity(" ERROR"))
                .add("d", 0, s -> s.severity(null))
                .add("e", 0, s -> s.severity(""))
                .add("f", 0, s -> s.severity("warn"))
                .add("g", 0, s -> s.severity("Info"))
                .build(spark);

        Dataset<Row> out = new Normalize(Map.of("error", Severity.MAJOR, "warn", Severity.WARNING)).apply(in);

        assertThat(byId(out, "severity")).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
                "a", "critical", "b", "major", "c", "unknown", "d", "unknown", "e", "unknown", "f", "warning",
                "g", "info")));
        assertThat(byId(out, "severity_rank")).containsEntry("a", "5").containsEntry("b", "4")
                .containsEntry("c", "0").containsEntry("f", "2").containsEntry("g", "1");
        assertThat(byId(out, "raw_severity")).containsEntry("c", " ERROR").containsEntry("d", "null");
    }
}
