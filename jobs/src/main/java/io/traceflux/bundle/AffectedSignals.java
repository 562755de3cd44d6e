package io.traceflux.bundle;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.isnull;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The signals a reviewer needs, selected in Spark from the tables: those of the incidents that
 * changed (any non-EXACT component: CHANGED, SPLIT, MERGED, RESHAPED), went missing or are new,
 * and those the replay newly suppressed. Each row is the signal's replay explanation plus its
 * baseline incident, class and component, and the diff's rule and reason when a diff names it.
 * Only these rows ever reach the driver, and only up to the export cap.
 */
final class AffectedSignals {

    /** A section of signals: its file name, its heading, and the component classes it holds. */
    record Section(String name, String title, Set<String> classes) {
    }

    static final Section CHANGED = new Section("changed", "Signals of changed incidents",
            Set.of("CHANGED", "SPLIT", "MERGED", "RESHAPED"));
    static final Section MISSING = new Section("missing", "Signals of missing incidents", Set.of("MISSING"));
    static final Section NEW = new Section("new", "Signals of new incidents", Set.of("NEW"));
    static final Section NEWLY_SUPPRESSED = new Section("newly_suppressed",
            "Signals newly suppressed (the baseline kept them)", Set.of());
    static final List<Section> SECTIONS = List.of(CHANGED, MISSING, NEW, NEWLY_SUPPRESSED);

    /** The replay_signals columns each section file holds, in order (null when absent). */
    private static final List<String> SIGNAL_COLUMNS = List.of("signal_id", "ts", "service", "region", "pop",
            "host", "check", "severity", "raw_severity", "fingerprint", "decision", "reason", "suppressed_by",
            "duplicate_of", "incident_id");
    private static final List<String> TRAILING_COLUMNS = List.of("source", "status", "message", "labels");
    private static final List<String> DIFF_COLUMNS =
            List.of("baseline_incident_id", "class", "component_id", "diff_rule", "diff_reason");
    private static final String NEWLY = "newly_suppressed";

    private AffectedSignals() {
    }

    /**
     * Keys (signal_id, the signal's ts and the diff columns) of the signals of the non-EXACT
     * components: replay members of their replay incidents, and the correlation diffs (when
     * present) that name their baseline or replay incidents.
     */
    static Dataset<Row> ofIncidents(Dataset<Row> signals, Optional<Dataset<Row>> correlationDiffs,
            ComponentIndex index) {
        SparkSession spark = signals.sparkSession();
        Dataset<Row> replayMap = broadcast(index.affected(spark, Side.REPLAY));
        Dataset<Row> members = signals.join(replayMap, col("incident_id").equalTo(col("map_incident_id")))
                .select(col("signal_id"), nullString("baseline_incident_id"), col("map_class").as("class"),
                        col("map_component_id").as("component_id"),
                        nullString("diff_rule"), nullString("diff_reason"));
        Dataset<Row> keys = members;
        if (correlationDiffs.isPresent()) {
            keys = keys.unionByName(diffKeys(correlationDiffs.get(), index, spark));
        }
        return timed(keys.groupBy(col("signal_id")).agg(max("baseline_incident_id").as("baseline_incident_id"),
                max("class").as("class"), max("component_id").as("component_id"),
                max("diff_rule").as("diff_rule"), max("diff_reason").as("diff_reason")), signals);
    }

    /** Keys, as {@link #ofIncidents} has them, of the signals the replay suppressed that the baseline kept. */
    static Dataset<Row> newlySuppressed(Dataset<Row> signals, Dataset<Row> suppressionDiffs) {
        Column newly = Arrays.asList(suppressionDiffs.columns()).contains("change")
                ? col("change").equalTo(lit(NEWLY))
                : isnull(col("before")).and(col("after").isNotNull());
        return timed(suppressionDiffs.filter(newly).select(col("signal_id"),
                nullString("baseline_incident_id"), nullString("class"), nullString("component_id"),
                col("rule").as("diff_rule"), col("reason").as("diff_reason")), signals);
    }

    /** The keys of {@code affected} (from {@link #ofIncidents}) in {@code section}. */
    static Dataset<Row> section(Dataset<Row> affected, Section section) {
        return affected.filter(col("class").isin(section.classes().toArray()));
    }

    /**
     * The section file's rows for the first {@code cap} keys in the file's (ts, signal_id)
     * order: keys are one per signal, so that order is total. Only the kept few meet the whole
     * signals (a broadcast join), however many millions of signals a section holds.
     */
    static Dataset<Row> firstRows(Dataset<Row> keys, Dataset<Row> signals, int cap) {
        return withSignals(keys.orderBy(col("ts"), col("signal_id")).limit(cap).drop("ts"), signals);
    }

    /** Keys with their signal's ts (null for a key without a signal), the order of the files. */
    private static Dataset<Row> timed(Dataset<Row> keys, Dataset<Row> signals) {
        Dataset<Row> times = signals.select(col("signal_id").as("t_signal_id"), col("ts"));
        return keys.join(times, col("signal_id").equalTo(col("t_signal_id")), "left").drop("t_signal_id");
    }

    /** Correlation diff rows whose before (baseline) or after (replay) incident is affected. */
    private static Dataset<Row> diffKeys(Dataset<Row> diffs, ComponentIndex index, SparkSession spark) {
        Dataset<Row> byBaseline = diffs.join(broadcast(index.affected(spark, Side.BASELINE)),
                col("before").equalTo(col("map_incident_id")));
        Dataset<Row> byReplay = diffs.join(broadcast(index.affected(spark, Side.REPLAY)),
                col("after").equalTo(col("map_incident_id")));
        return byBaseline.unionByName(byReplay).select(col("signal_id"), col("before").as("baseline_incident_id"),
                col("map_class").as("class"), col("map_component_id").as("component_id"),
                col("rule").as("diff_rule"), col("reason").as("diff_reason"));
    }

    /** A few keys joined to their replay explanation, in the section files' column order. */
    private static Dataset<Row> withSignals(Dataset<Row> keys, Dataset<Row> signals) {
        List<String> present = Arrays.asList(signals.columns());
        List<Column> explanation = new ArrayList<>();
        for (String name : concat(SIGNAL_COLUMNS, TRAILING_COLUMNS)) {
            Column value = present.contains(name) ? col(name) : lit(null).cast(typeOf(name));
            explanation.add(value.as("s_" + name));
        }
        // Keys are few (a capped section): broadcast them and stream the signals past them.
        Dataset<Row> joined = signals.select(explanation.toArray(Column[]::new))
                .join(broadcast(keys), col("signal_id").equalTo(col("s_signal_id")), "right");
        List<Column> columns = new ArrayList<>();
        SIGNAL_COLUMNS.forEach(n -> columns.add(n.equals("signal_id") ? col(n) : col("s_" + n).as(n)));
        DIFF_COLUMNS.forEach(n -> columns.add(col(n)));
        TRAILING_COLUMNS.forEach(n -> columns.add(col("s_" + n).as(n)));
        return joined.select(columns.toArray(Column[]::new));
    }

    private static DataType typeOf(String name) {
        return name.equals("labels") ? DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType)
                : name.equals("ts") ? DataTypes.TimestampType : DataTypes.StringType;
    }

    private static Column nullString(String name) {
        return lit(null).cast(DataTypes.StringType).as(name);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
