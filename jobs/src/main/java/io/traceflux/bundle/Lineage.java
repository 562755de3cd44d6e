package io.traceflux.bundle;

import io.traceflux.warehouse.Table;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

/**
 * What an execution ran on and how, read from its {@code executions} row by column name:
 * the manifest's lineage and the header of the summary and the report.
 */
final class Lineage {

    private final Row row;

    Lineage(Row row) {
        this.row = row;
    }

    String executionId() {
        return text(Table.EXECUTION_ID);
    }

    /** A column's value as text, or null (absent columns included). */
    String text(String column) {
        return RowValues.string(row, column);
    }

    Instant instant(String column) {
        return RowValues.instant(row, column);
    }

    Long number(String column) {
        return RowValues.longValue(row, column);
    }

    /** The {@code <name>_rows} counts and the incident count, in the table's column order. */
    List<StructField> counts() {
        return Arrays.stream(row.schema().fields())
                .filter(f -> f.name().endsWith("_rows") || f.name().equals("incidents"))
                .toList();
    }

    /** Columns that pin the baseline: every {@code baseline_*} column a writer recorded. */
    List<StructField> baselinePins() {
        return Arrays.stream(row.schema().fields()).filter(f -> f.name().startsWith("baseline_")).toList();
    }

    /** The manifest's {@code lineage} object; {@code policyFile} is the copy's bundle path or null. */
    ObjectNode json(String policyFile, String policyNote) {
        ObjectNode lineage = JsonNodeFactory.instance.objectNode();
        ObjectNode execution = lineage.putObject("execution");
        put(execution, "id", Table.EXECUTION_ID);
        for (String c : List.of("status", "mode", "triggered_by", "reason", "started_at", "finished_at", "error")) {
            put(execution, c, c);
        }
        ObjectNode capture = lineage.putObject("capture");
        put(capture, "id", "capture_id");
        put(capture, "path", "capture_path");
        put(capture, "format", "capture_format");
        put(capture, "version", "capture_version");
        ObjectNode policy = lineage.putObject("policy");
        put(policy, "id", "policy_id");
        put(policy, "version", "policy_version");
        put(policy, "sha256", "policy_sha256");
        put(policy, "path", "policy_path");
        policy.put("file", policyFile);
        policy.put("file_note", policyNote);
        ObjectNode baseline = lineage.putObject("baseline");
        put(baseline, "spec", "baseline");
        ObjectNode pins = baseline.putObject("pins");
        baselinePins().forEach(f -> put(pins, f.name(), f.name()));
        put(lineage, "scope", "scope");
        ObjectNode window = lineage.putObject("window");
        put(window, "start", "window_start");
        put(window, "end", "window_end");
        ObjectNode runtime = lineage.putObject("runtime");
        for (String c : List.of("code_version", "spark_version", "delta_version", "master")) {
            put(runtime, c, c);
        }
        ObjectNode counts = lineage.putObject("rows");
        counts().forEach(f -> put(counts, f.name(), f.name()));
        return lineage;
    }

    private void put(ObjectNode node, String key, String column) {
        int i = Arrays.asList(row.schema().fieldNames()).indexOf(column);
        node.set(key, i < 0 ? JsonNodeFactory.instance.nullNode()
                : RowJson.value(row.schema().fields()[i].dataType(), row.isNullAt(i) ? null : row.get(i)));
    }
}
