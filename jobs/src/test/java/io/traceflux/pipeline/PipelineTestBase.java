package io.traceflux.pipeline;

import io.traceflux.SparkTestBase;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Pipeline tests read one column per signal id; this keeps those reads short. */
abstract class PipelineTestBase extends SparkTestBase {

    /** signal_id to the column's value as text ("null" for null), sorted by id. */
    static Map<String, String> byId(Dataset<Row> signals, String column) {
        Map<String, String> result = new TreeMap<>();
        for (Row r : signals.select("signal_id", column).collectAsList()) {
            result.put(r.getString(0), String.valueOf(r.get(1)));
        }
        return result;
    }

    static Dataset<Row> normalized(Dataset<Row> signals) {
        return new Normalize(Map.of()).apply(signals);
    }
}
