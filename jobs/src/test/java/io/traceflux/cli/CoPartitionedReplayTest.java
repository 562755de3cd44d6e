package io.traceflux.cli;

import static io.traceflux.testkit.Signals.seconds;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_json;
import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.SparkTestBase;
import io.traceflux.testkit.CaptureFixture;
import io.traceflux.testkit.Signals;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy baseline whose versions both group by service and fingerprint it unchanged runs
 * co-partitioned: one shuffle per policy, the two decisions joined where they lie, and
 * replay_signals written from that join. The same comparison through an execution baseline
 * (the other version replayed on its own, joined on signal_id alone) must give the same rows
 * in every table.
 */
class CoPartitionedReplayTest extends SparkTestBase {

    static final String V1 = """
            policy: svc
            version: 1
            fingerprint:
              fields: [check, service, {name: host, normalize: {pattern: "-[0-9]+$", replace: ""}}]
            dedup: {window: 2m}
            suppression:
              - id: drop-info
                drop: ['severity=~"info|unknown"']
            correlation: {group_by: [service], gap: 2m, min_signals: 2}
            aggregation: {title: "{count} signals in {service}"}
            """;

    static final String V2 = """
            policy: svc
            version: 2
            fingerprint:
              fields: [check, service, {name: host, normalize: {pattern: "-[0-9]+$", replace: ""}}]
            dedup: {window: 30s}
            suppression:
              - id: drop-info
                drop: ['severity=~"info|unknown"']
              - id: drop-disk
                drop: ['check="disk"', 'service="db"']
            correlation: {group_by: [service], gap: 90s, max_span: 3m, min_signals: 2}
            aggregation: {title: "{count} signals in {service}"}
            """;

    static final List<String> TABLES = List.of("replay_signals", "replay_incidents", "parity_report",
            "incident_diffs", "fingerprint_diffs", "suppression_diffs", "correlation_diffs", "rule_impact",
            "blast_radius", "baseline_incidents");

    @TempDir
    static Path dir;

    static Path capture;
    static Path policies;
    static Path warehouse;

    /** As the job's own session sets it (Sessions.forJob): the shared test session does not. */
    static final String CO_PARTITION = "spark.sql.requireAllClusterKeysForCoPartition";

    @BeforeAll
    static void replayBothWays() {
        spark.conf().set(CO_PARTITION, "false");
        capture = CaptureFixture.parquet(dir.resolve("cap"), "cap-svc", "2026-11-20T10:00:00Z",
                "2026-11-20T10:20:00Z", window().build(spark));
        policies = CaptureFixture.policy(dir, "svc", 1, V1);
        CaptureFixture.policy(dir, "svc", 2, V2);
        warehouse = dir.resolve("wh");
        assertThat(replay("together", "svc@v2", "--baseline", "policy:svc@v1")).isZero();
        assertThat(replay("v1-alone", "svc@v1")).isZero();
        assertThat(replay("apart", "svc@v2", "--baseline", "execution:v1-alone")).isZero();
    }

    @AfterAll
    static void restore() {
        spark.conf().unset(CO_PARTITION);
    }

    /** Eighty signals on four services, replica hosts, info and disk noise, bursts and gaps. */
    static Signals window() {
        Signals signals = Signals.at("2026-11-20T10:00:00Z");
        String[] services = {"api", "db", "web", "queue"};
        for (int i = 0; i < 80; i++) {
            int n = i;
            long at = seconds((n * 37L) % 1100) + n;
            signals.add(String.format("s%03d", n), at, s -> s.service(services[n % 4]).host("h" + n % 6 + "-" + n % 2)
                    .check(n % 5 == 0 ? "disk" : "http").severity(n % 7 == 0 ? "info" : "major")
                    .pop(n % 3 == 0 ? "fra1" : "ams2"));
        }
        return signals;
    }

    @Test
    void everyTableEqualsTheComparisonJoinedOnSignalIdAlone() {
        for (String table : TABLES) {
            assertThat(rows(table, "together")).as(table).containsExactlyInAnyOrderElementsOf(rows(table, "apart"));
        }
    }

    @Test
    void theComparisonHasSomethingToCompare() {
        Row report = spark.read().format("delta").load(warehouse.resolve("parity_report").toString())
                .filter("execution_id = 'together'").first();
        assertThat(report.<Long>getAs("baseline_incidents")).isPositive();
        assertThat(report.<Long>getAs("replay_incidents")).isPositive();
        assertThat(report.<Long>getAs("exact")).isLessThan(report.<Long>getAs("baseline_incidents"));
        assertThat(rows("suppression_diffs", "together")).isNotEmpty();
        assertThat(rows("correlation_diffs", "together")).isNotEmpty();
        assertThat(rows("replay_signals", "together")).hasSize(80);
    }

    static int replay(String executionId, String policy, String... extra) {
        List<String> args = new ArrayList<>(List.of("replay", "--capture", capture.toString(), "--policy", policy,
                "--policies", policies.toString(), "--warehouse", warehouse.toString(), "--execution-id", executionId));
        args.addAll(List.of(extra));
        return Main.run(args.toArray(String[]::new));
    }

    /** The execution's rows of {@code table}, without execution_id, nested values as JSON text. */
    static List<String> rows(String table, String executionId) {
        Dataset<Row> all = spark.read().format("delta").load(warehouse.resolve(table).toString())
                .filter(col("execution_id").equalTo(executionId)).drop("execution_id");
        List<Column> columns = new ArrayList<>();
        for (StructField f : all.schema().fields()) {
            boolean nested = f.dataType() instanceof MapType || f.dataType() instanceof ArrayType
                    || f.dataType() instanceof StructType;
            columns.add(nested ? to_json(col(f.name())).as(f.name()) : col(f.name()));
        }
        return all.select(columns.toArray(Column[]::new)).collectAsList().stream().map(Row::toString).toList();
    }
}
