package io.traceflux.parity;

import static io.traceflux.parity.SignalComparison.B_INCIDENT;
import static io.traceflux.parity.SignalComparison.R_INCIDENT;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Signal counts and distinct incidents per key, aggregated in two levels from the
 * {@link SignalProfile}: first summed per (key, baseline incident, replay incident), about as
 * many rows as incidents, then summed per key with the distinct incidents counted over those
 * rows. Counting distinct incidents straight from the signals would make Spark expand every
 * signal row once per distinct column.
 */
final class IncidentPairCounts {

    private IncidentPairCounts() {
    }

    /**
     * One row per (keys, b_incident_id, r_incident_id) of {@code rows}, with each of
     * {@code sums} (name to a column of {@code rows}) summed.
     */
    static Dataset<Row> byPair(Dataset<Row> rows, List<Column> keys, Map<String, Column> sums) {
        List<Column> groups = new ArrayList<>(keys);
        groups.add(col(B_INCIDENT));
        groups.add(col(R_INCIDENT));
        List<Column> totals = new ArrayList<>();
        sums.forEach((name, value) -> totals.add(sum(value).as(name)));
        return rows.groupBy(groups.toArray(Column[]::new))
                .agg(totals.get(0), totals.subList(1, totals.size()).toArray(Column[]::new));
    }

    /**
     * Rows of {@link #byPair} summed per {@code keys}: each column in {@code summed}, and the
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
