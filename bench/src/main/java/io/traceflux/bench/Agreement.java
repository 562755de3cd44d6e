package io.traceflux.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.traceflux.spark.Sessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Checks that the DuckDB peer and the replay computed the same thing: every count both report
 * (quarantine, suppressed per rule, duplicates, incidents, their signals, uncorrelated and, when
 * the peer ran a baseline policy too, the baseline's incidents and the component classes the
 * peer can tell), read on the replay's side
 * from its Delta tables; then row by row, the per-signal outcome of every selected signal and
 * every incident's attributes. Runs after the timed runs; prints {@code AGREEMENT <json>}.
 *
 * <p>Usage: {@code Agreement <warehouse> <execution-id> <duck-out-dir>} (the peer's
 * {@code result.json} and Parquet files are in the folder).
 */
public final class Agreement {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SIGNAL_FIELDS =
            List.of("fingerprint", "suppressed_by", "duplicate_of", "incident_id", "decision");
    private static final List<String> INCIDENT_FIELDS = List.of("first_signal_id", "opened_at", "last_signal_at",
            "severity", "signal_count", "distinct_fingerprints", "services", "hosts", "title");

    private final SparkSession spark;
    private final String warehouse;
    private final String executionId;
    private final ArrayNode checks = JSON.createArrayNode();

    private Agreement(SparkSession spark, String warehouse, String executionId) {
        this.spark = spark;
        this.warehouse = warehouse;
        this.executionId = executionId;
    }

    public static void main(String[] args) throws Exception {
        SparkSession spark = Sessions.forJob("traceflux bench agreement", null);
        Path duckDir = Path.of(args[2]);
        JsonNode duck = JSON.readTree(Files.readString(duckDir.resolve("result.json")));
        ObjectNode result = new Agreement(spark, args[0], args[1]).check(duck, duckDir);
        System.out.println("AGREEMENT " + JSON.writeValueAsString(result));
        spark.stop();
    }

    private ObjectNode check(JsonNode duck, Path duckDir) {
        Row execution = table("executions").first();
        compare("input rows", execution.getAs("input_rows"), duck.get("input_rows").asLong());
        compare("selected rows", execution.getAs("selected_rows"), duck.get("selected_rows").asLong());
        compare("quarantined rows", execution.getAs("quarantined_rows"), total(duck.get("quarantined")));
        JsonNode replay = duck.get("replay");
        compare("suppressed", execution.getAs("suppressed_rows"), replay.get("suppressed").asLong());
        compare("duplicates", execution.getAs("duplicate_rows"), replay.get("duplicates").asLong());
        compare("incidents", execution.getAs("incidents"), replay.get("incidents").asLong());

        Map<String, Long> byRule = countBy(table("replay_signals").filter(col("suppressed_by").isNotNull()), "suppressed_by");
        replay.get("suppressed_by").fields().forEachRemaining(e ->
                compare("suppressed by " + e.getKey(), byRule.getOrDefault(e.getKey(), 0L), e.getValue().asLong()));
        Map<String, Long> byDecision = countBy(table("replay_signals"), "decision");
        compare("signals in incidents", byDecision.getOrDefault("incident", 0L), replay.get("incident_signals").asLong());
        compare("uncorrelated", byDecision.getOrDefault("uncorrelated", 0L), replay.get("uncorrelated").asLong());

        if (duck.has("parity")) {
            Row parity = table("parity_report").first();
            compare("baseline incidents", parity.getAs("baseline_incidents"), duck.get("baseline").get("incidents").asLong());
            for (String shape : List.of("exact", "changed", "missing", "new")) {
                compare("parity " + shape, parity.getAs(shape), duck.get("parity").get(shape).asLong());
            }
        }
        compare("signals whose outcome differs", mismatches(table("replay_signals"),
                spark.read().parquet(duckDir.resolve("replay_signals.parquet").toString()), "signal_id", SIGNAL_FIELDS), 0);
        compare("incidents whose attributes differ", mismatches(table("replay_incidents"),
                spark.read().parquet(duckDir.resolve("replay_incidents.parquet").toString()), "incident_id",
                INCIDENT_FIELDS), 0);

        ObjectNode result = JSON.createObjectNode();
        boolean all = true;
        for (JsonNode c : checks) {
            all &= c.get("equal").asBoolean();
        }
        result.put("agree", all);
        result.set("checks", checks);
        return result;
    }

    /** Rows missing on either side, or present on both with some field different. */
    private static long mismatches(Dataset<Row> replay, Dataset<Row> duck, String key, List<String> fields) {
        Dataset<Row> a = replay.select(columns(key, fields, "a_"));
        Dataset<Row> b = duck.select(columns(key, fields, "b_"));
        Column differs = col("a_" + key).isNull().or(col("b_" + key).isNull());
        for (String f : fields) {
            differs = differs.or(not(col("a_" + f).eqNullSafe(col("b_" + f))));
        }
        Row r = a.join(b, col("a_" + key).equalTo(col("b_" + key)), "full_outer")
                .agg(sum(when(differs, 1).otherwise(0))).first();
        return r.isNullAt(0) ? 0 : r.getLong(0);
    }

    private static Column[] columns(String key, List<String> fields, String prefix) {
        Column[] cols = new Column[fields.size() + 1];
        cols[0] = col(key).as(prefix + key);
        for (int i = 0; i < fields.size(); i++) {
            cols[i + 1] = col(fields.get(i)).as(prefix + fields.get(i));
        }
        return cols;
    }

    private Dataset<Row> table(String name) {
        return spark.read().format("delta").load(warehouse + "/" + name).filter(col("execution_id").equalTo(executionId));
    }

    private static Map<String, Long> countBy(Dataset<Row> rows, String column) {
        Map<String, Long> counts = new TreeMap<>();
        for (Row r : rows.groupBy(col(column)).agg(count(lit(1))).collectAsList()) {
            counts.put(r.getString(0), r.getLong(1));
        }
        return counts;
    }

    private void compare(String what, Object replay, long duck) {
        long replayed = ((Number) replay).longValue();
        ObjectNode c = checks.addObject();
        c.put("what", what);
        c.put("replay", replayed);
        c.put("duckdb", duck);
        c.put("equal", replayed == duck);
    }

    private static long total(JsonNode counts) {
        long total = 0;
        for (JsonNode n : counts) {
            total += n.asLong();
        }
        return total;
    }
}
