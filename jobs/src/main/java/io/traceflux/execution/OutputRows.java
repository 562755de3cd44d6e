package io.traceflux.execution;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Projects pipeline results onto the stable columns of the output tables (SPEC 5.1), keyed
 * by execution_id. Capture columns the spec does not know travel as one JSON text column,
 * {@code extra}, so the tables keep one schema across captures.
 */
final class OutputRows {

    private static final List<String> SIGNAL_COLUMNS = List.of(
            "signal_id", "ts", "service", "region", "pop", "host", "check", "severity", "raw_severity",
            "fingerprint", "suppressed_by", "duplicate_of", "incident_id", "decision", "reason", "group_key",
            "labels", "source", "status", "message");

    /** Capture columns the spec names; the rest are extra. Baseline decisions stay in the capture. */
    private static final Set<String> KNOWN_CAPTURE_COLUMNS = Set.of(
            "signal_id", "ts", "service", "region", "pop", "host", "check", "severity", "labels", "source",
            "status", "message", "baseline_fingerprint", "baseline_suppressed_by");

    /** Columns the pipeline adds that the table does not keep. */
    private static final Set<String> PIPELINE_ONLY_COLUMNS = Set.of("severity_rank", "first_signal_id");

    private static final List<String> INCIDENT_COLUMNS = List.of(
            "incident_id", "group_key", "first_signal_id", "opened_at", "last_signal_at", "severity",
            "signal_count", "distinct_fingerprints", "services", "hosts", "title");

    private OutputRows() {
    }

    static Dataset<Row> signals(Dataset<Row> explained, String executionId) {
        Set<String> present = Set.of(explained.columns());
        List<Column> out = new ArrayList<>();
        out.add(lit(executionId).as("execution_id"));
        for (String c : SIGNAL_COLUMNS) {
            out.add(present.contains(c) ? col("`" + c + "`") : lit(null).cast("string").as(c));
        }
        out.add(extra(explained).as("extra"));
        return explained.select(out.toArray(Column[]::new));
    }

    static Dataset<Row> incidents(Dataset<Row> incidents, String executionId) {
        List<Column> out = new ArrayList<>();
        out.add(lit(executionId).as("execution_id"));
        INCIDENT_COLUMNS.forEach(c -> out.add(col(c)));
        return incidents.select(out.toArray(Column[]::new));
    }

    static Dataset<Row> quarantine(Dataset<Row> rejected, String executionId) {
        return rejected.select(lit(executionId).as("execution_id"), col("signal_id"), col("reason"), col("raw"));
    }

    /** The capture's unknown columns as JSON text, null when it has none. */
    private static Column extra(Dataset<Row> explained) {
        Column[] extras = Arrays.stream(explained.columns())
                .filter(c -> !c.startsWith("_") && !KNOWN_CAPTURE_COLUMNS.contains(c) && !SIGNAL_COLUMNS.contains(c)
                        && !PIPELINE_ONLY_COLUMNS.contains(c))
                .map(c -> col("`" + c + "`"))
                .toArray(Column[]::new);
        return extras.length == 0 ? lit(null).cast("string") : to_json(struct(extras));
    }
}
