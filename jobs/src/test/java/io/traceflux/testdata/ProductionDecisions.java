package io.traceflux.testdata;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What production decided per signal: its fingerprint (SPEC 3.2 step 2 over the fields of
 * {@code tt-checkout@v1}: check, service, host without the pod hashes) and the rule that
 * suppressed it. Production dropped INFO ({@code drop-info}, as v1 does) and also had an
 * ad-hoc silence on Spring's URI-tag meter warning that nobody wrote into the policy.
 */
final class ProductionDecisions {

    static final String DROP_INFO = "drop-info";
    static final String URI_TAG_SILENCE = "silence-uri-tag-warning";
    static final String URI_TAG_CHECK = "OnlyOnceLoggingDenyMeterFilter";

    private ProductionDecisions() {
    }

    /** One row per signal_id: signal_id, baseline_fingerprint, baseline_suppressed_by. */
    static Dataset<Row> of(Dataset<Row> truth) {
        return truth.select(
                col("signal_id"),
                fingerprint().as("baseline_fingerprint"),
                suppressedBy().as("baseline_suppressed_by")).distinct();
    }

    /** First 16 hex of SHA-256 over {@code name=value\n} per field; absent values are "". */
    static Column fingerprint() {
        Column text = concat(
                field("check", col("check")),
                field("service", col("service")),
                field("host", regexp_replace(coalesce(col("host"), lit("")), SignalColumns.POD_SUFFIX, "")));
        return substring(sha2(text, 256), 1, 16);
    }

    private static Column field(String name, Column value) {
        return concat(lit(name + "="), coalesce(value, lit("")), lit("\n"));
    }

    private static Column suppressedBy() {
        return when(col("severity").equalTo("INFO"), DROP_INFO)
                .when(col("check").equalTo(URI_TAG_CHECK), URI_TAG_SILENCE);
    }
}
