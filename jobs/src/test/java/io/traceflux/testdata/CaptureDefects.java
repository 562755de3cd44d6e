package io.traceflux.testdata;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The two defects injected into the capture so that every quarantine reason but
 * {@code null_signal_id} has a row (the third, {@code duplicate_signal_id}, is real: a WARN/ERROR
 * line held by two minute files). Production saw the true values; only the capture is damaged.
 * <ul>
 *   <li>{@code invalid_ts}: one ts-order-service WARN lost its timestamp on export.</li>
 *   <li>{@code outside_capture_window}: one ts-verification-code-service WARN carries its pod's
 *       local clock (UTC+8) read as UTC, the same mix-up as Nezha's own inject_timestamp.</li>
 * </ul>
 * The damaged rows are the ones with the smallest signal_id of their service's WARN lines.
 */
final class CaptureDefects {

    static final String NULL_TS_SERVICE = "ts-order-service";
    static final String LOCAL_CLOCK_SERVICE = "ts-verification-code-service";

    private CaptureDefects() {
    }

    static Dataset<Row> apply(Dataset<Row> truth) {
        String nullTs = firstWarn(truth, NULL_TS_SERVICE);
        String localClock = firstWarn(truth, LOCAL_CLOCK_SERVICE);
        Column id = col("signal_id");
        return truth.withColumn("ts",
                when(id.equalTo(nullTs), lit(null).cast("timestamp"))
                        .when(id.equalTo(localClock), col("ts").plus(expr("INTERVAL 8 HOURS")))
                        .otherwise(col("ts")));
    }

    private static String firstWarn(Dataset<Row> truth, String service) {
        return truth.filter(col("service").equalTo(service).and(col("severity").equalTo("WARN")))
                .agg(min("signal_id")).first().getString(0);
    }
}
