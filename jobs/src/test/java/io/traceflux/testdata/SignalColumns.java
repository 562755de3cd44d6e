package io.traceflux.testdata;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;

import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Column helpers shared by the log and metric signal derivations of the Nezha sample. */
final class SignalColumns {

    /** Kubernetes' replicaset hash and pod suffix: {@code ts-order-service-5b67c48447-mv5hb}. */
    static final String POD_SUFFIX = "-[a-z0-9]{8,10}-[a-z0-9]{5}$";

    /** Every derived signal, in the order the committed signals table has them. */
    static final List<String> CAPTURE_COLUMNS = List.of(
            "signal_id", "ts", "service", "region", "pop", "host", "check", "severity", "labels",
            "source", "status", "message");

    /** What production decided per signal, the committed table's last two columns. */
    static final List<String> BASELINE_COLUMNS = List.of("baseline_fingerprint", "baseline_suppressed_by");

    private SignalColumns() {
    }

    /** The service of a pod: its name without the replicaset and pod hashes (as Nezha's get_svc). */
    static Column service(Column pod) {
        return regexp_replace(pod, POD_SUFFIX, "");
    }

    /** A stable id: {@code prefix} plus 16 hex of SHA-256 over the parts joined by '|'. */
    static Column id(String prefix, Column... parts) {
        return concat(lit(prefix), substring(sha2(concat_ws("|", parts), 256), 1, 16));
    }

    /** Keeps exactly the capture columns, in order. */
    static Dataset<Row> select(Dataset<Row> signals) {
        return signals.select(columns(CAPTURE_COLUMNS));
    }

    /** Keeps the capture columns and production's decisions, in order. */
    static Dataset<Row> selectWithBaseline(Dataset<Row> signals) {
        return signals.select(columns(Stream.concat(CAPTURE_COLUMNS.stream(), BASELINE_COLUMNS.stream()).toList()));
    }

    private static Column[] columns(List<String> names) {
        return names.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new);
    }
}
