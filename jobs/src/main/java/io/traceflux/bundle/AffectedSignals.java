package io.traceflux.bundle;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.isnull;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.traceflux.spark.SideBySide;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
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
 *
 * <p>A section is found on narrow keys (one per signal: id, ts, class, component), which is all
 * its count and its order need; only the first keys up to the cap come to the driver, and only
 * those meet the wide signals and the diff texts, so a section of millions costs a scan.
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
    /** What a key holds besides signal_id and ts: filled from a diff row, or null. */
    private static final List<String> DIFF_COLUMNS =
            List.of("baseline_incident_id", "class", "component_id", "diff_rule", "diff_reason");
    private static final String NEWLY = "newly_suppressed";
    /** Working columns of the kept keys: the section's name, and whether it takes diff texts. */
    private static final String SECTION = "_section";
    private static final String DIFF_TEXTS = "_diff_texts";

    private AffectedSignals() {
    }

    /**
     * Keys (signal_id, ts and the diff columns, the texts left null) of the signals of the
     * non-EXACT components: the replay members of their replay incidents, and the signals that
     * left a baseline incident for none, as the correlation diffs (when present) name them. A
     * signal in a replay incident is a member of it, so the two parts never share a signal.
     */
    static Dataset<Row> ofIncidents(Dataset<Row> signals, Optional<Dataset<Row>> correlationDiffs,
            ComponentIndex index) {
        SparkSession spark = signals.sparkSession();
        Dataset<Row> members = incidentKeys(signals.join(broadcast(index.affected(spark, Side.REPLAY)),
                col("incident_id").equalTo(col("map_incident_id"))));
        if (correlationDiffs.isEmpty()) {
            return members;
        }
        Dataset<Row> left = incidentKeys(correlationDiffs.get().filter(col("after").isNull())
                .join(broadcast(index.affected(spark, Side.BASELINE)), col("before").equalTo(col("map_incident_id"))));
        return members.unionByName(left);
    }

    /** Key rows of signals joined to an {@link ComponentIndex#affected} map. */
    private static Dataset<Row> incidentKeys(Dataset<Row> mapped) {
        return mapped.select(col("signal_id"), col("ts"), nullString("baseline_incident_id"),
                col("map_class").as("class"), col("map_component_id").as("component_id"), nullString("diff_rule"),
                nullString("diff_reason"));
    }

    /** Keys, as {@link #ofIncidents} has them, of the signals the replay suppressed that the baseline kept. */
    static Dataset<Row> newlySuppressed(Dataset<Row> suppressionDiffs) {
        Column newly = Arrays.asList(suppressionDiffs.columns()).contains("change")
                ? col("change").equalTo(lit(NEWLY))
                : isnull(col("before")).and(col("after").isNotNull());
        return suppressionDiffs.filter(newly).select(col("signal_id"), col("ts"),
                nullString("baseline_incident_id"), nullString("class"), nullString("component_id"),
                col("rule").as("diff_rule"), col("reason").as("diff_reason"));
    }

    /** The keys of {@code affected} (from {@link #ofIncidents}) in {@code section}. */
    static Dataset<Row> section(Dataset<Row> affected, Section section) {
        return affected.filter(col("class").isin(section.classes().toArray()));
    }

    /**
     * A section's keys (from {@link #section} or {@link #newlySuppressed}); {@code diffTexts}
     * when the correlation diffs fill what its keys lack (before, rule, reason).
     */
    record SectionKeys(Section section, Dataset<Row> keys, boolean diffTexts) {
    }

    /**
     * Each section file's rows for its first {@code cap} keys in the file's (ts, signal_id)
     * order (keys are one per signal in a section, so that order is total), completed from the
     * diff rows ({@code diffs}: the correlation diffs) where the section takes their texts, and
     * from the whole signals. The kept keys of every section come to the driver and go back as
     * one broadcast, so the millions of wide rows around them are scanned once for all
     * sections, never shuffled (the sections' keys are collected side by side, each a small query); the completed rows (at most {@code cap} per section) come back
     * to the driver, which writes them anyway, as one local table per section name.
     */
    static Map<String, Dataset<Row>> firstRows(List<SectionKeys> sections, Optional<Dataset<Row>> diffs,
            Dataset<Row> signals, int cap) {
        Map<String, Callable<Dataset<Row>>> collects = new LinkedHashMap<>();
        sections.forEach(s -> collects.put(s.section().name(), () -> firstKeys(s, cap)));
        Dataset<Row> few = SideBySide.run(collects, sections.size()).values().stream().reduce(Dataset::unionByName)
                .orElseThrow().drop("ts");
        if (diffs.isPresent()) {
            few = withDiffTexts(few, diffs.get());
        }
        Dataset<Row> rows = withSignals(few, signals);
        Dataset<Row> kept = signals.sparkSession().createDataFrame(rows.collectAsList(), rows.schema());
        Map<String, Dataset<Row>> bySection = new LinkedHashMap<>();
        sections.forEach(s -> bySection.put(s.section().name(),
                kept.filter(col(SECTION).equalTo(s.section().name())).drop(SECTION)));
        return bySection;
    }

    /** A section's first {@code cap} keys, collected, with its name and whether it takes diff texts. */
    private static Dataset<Row> firstKeys(SectionKeys s, int cap) {
        Dataset<Row> first = s.keys().orderBy(col("ts"), col("signal_id")).limit(cap)
                .select(lit(s.section().name()).as(SECTION), lit(s.diffTexts()).as(DIFF_TEXTS), col("*"));
        return first.sparkSession().createDataFrame(first.collectAsList(), first.schema());
    }

    /**
     * The few keys with the before, rule and reason of their diff row, where they lack them
     * and their section takes diff texts.
     */
    private static Dataset<Row> withDiffTexts(Dataset<Row> few, Dataset<Row> diffs) {
        Dataset<Row> texts = diffs.join(broadcast(few.select(col("signal_id").as("k_signal_id"))),
                        col("signal_id").equalTo(col("k_signal_id")), "left_semi")
                .select(col("signal_id").as("d_signal_id"), col("before").as("d_before"), col("rule").as("d_rule"),
                        col("reason").as("d_reason"));
        Column takes = col(DIFF_TEXTS);
        return few.join(texts, col("signal_id").equalTo(col("d_signal_id")), "left")
                .select(col(SECTION), col("signal_id"),
                        coalesce(col("baseline_incident_id"), when(takes, col("d_before"))).as("baseline_incident_id"),
                        col("class"), col("component_id"), coalesce(col("diff_rule"), when(takes, col("d_rule"))).as("diff_rule"),
                        coalesce(col("diff_reason"), when(takes, col("d_reason"))).as("diff_reason"));
    }

    /**
     * A few keys joined to their replay explanation: their section, then the section files'
     * columns in order; a key without a signal keeps its row, the explanation null.
     */
    private static Dataset<Row> withSignals(Dataset<Row> keys, Dataset<Row> signals) {
        List<String> present = Arrays.asList(signals.columns());
        List<Column> explanation = new ArrayList<>();
        for (String name : concat(SIGNAL_COLUMNS, TRAILING_COLUMNS)) {
            Column value = present.contains(name) ? col(name) : lit(null).cast(typeOf(name));
            explanation.add(value.as("s_" + name));
        }
        // The semi join streams the signals past the broadcast keys; only the kept rows go on.
        Dataset<Row> explained = signals.select(explanation.toArray(Column[]::new))
                .join(broadcast(keys.select(col("signal_id").as("k_signal_id"))),
                        col("s_signal_id").equalTo(col("k_signal_id")), "left_semi");
        Dataset<Row> joined = keys.join(explained, col("signal_id").equalTo(col("s_signal_id")), "left");
        List<Column> columns = new ArrayList<>(List.of(col(SECTION)));
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
