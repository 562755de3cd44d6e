package io.traceflux.parity;

import static io.traceflux.parity.SignalComparison.B_INCIDENT;
import static io.traceflux.parity.SignalComparison.R_INCIDENT;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Signal counts and distinct incidents per key, aggregated in two levels. Counting distinct
 * incidents straight from the signals makes Spark expand every signal row once per distinct
 * column; grouping the signals first by (key, baseline incident, replay incident) leaves about
 * as many rows as incidents, and the distinct counts run over those.
 */
final class IncidentPairCounts {

    /** Column of the first level holding its signal count. */
    static final String SIGNALS = "signals";

    private IncidentPairCounts() {
    }

    /**
     * One row per (keys, b_incident_id, r_incident_id) of {@code rows}: the signals, and for
     * each named flag the signals where it holds.
     */
    static Dataset<Row> byPair(Dataset<Row> rows, List<Column> keys, Map<String, Column> flags) {
        List<Column> groups = new ArrayList<>(keys);
        groups.add(col(B_INCIDENT));
        groups.add(col(R_INCIDENT));
        List<Column> counts = new ArrayList<>();
        flags.forEach((name, flag) -> counts.add(count_if(flag).as(name)));
        return rows.groupBy(groups.toArray(Column[]::new))
                .agg(count(lit(1)).as(SIGNALS), counts.toArray(Column[]::new));
    }

    /**
     * Rows of {@link #byPair} summed per {@code keys}: each count in {@code summed}, and the
     * distinct incidents of each side as {@code baselineName} and {@code replayName}.
     */
    static Dataset<Row> perKey(Dataset<Row> pairs, List<Column> keys, List<String> summed, String baselineName,
            String replayName) {
        List<Column> aggs = new ArrayList<>();
        summed.forEach(name -> aggs.add(sum(col(name)).as(name)));
        aggs.add(countDistinct(col(B_INCIDENT)).as(baselineName));
        aggs.add(countDistinct(col(R_INCIDENT)).as(replayName));
        return pairs.groupBy(keys.toArray(Column[]::new))
                .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
    }
}
