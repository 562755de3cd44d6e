package io.traceflux.bundle;

import static org.apache.spark.sql.functions.col;

import io.traceflux.warehouse.Table;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.traceflux.InvalidInputException;
import io.traceflux.governance.ControlPlane;
import io.traceflux.governance.GovernanceJson;
import io.traceflux.governance.GovernanceRecord;
import io.traceflux.spark.SideBySide;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Writes the evidence bundle of one execution (SPEC 5) from the warehouse tables alone, so a
 * fresh replay and a later {@code traceflux bundle --execution ID} give the same files:
 * {@code <out>/<execution_id>/} and {@code <out>/<execution_id>.zip}, replacing any earlier one.
 *
 * <pre>{@code
 * BundleResult bundle = WriteBundle.with(spark)
 *         .warehouse("/data/warehouse")
 *         .executionId("2026-11-20-edge")
 *         .execute();                       // out defaults to <warehouse>/bundles
 * }</pre>
 *
 * <p>Signal-level rows reach the driver only as the affected incidents' signals and the diff
 * tables, streamed in a fixed order and capped ({@link #signalRowCap}, {@link #tableRowCap});
 * the manifest records how many rows each table has and how many were written.
 */
public final class WriteBundle {

    public static final long DEFAULT_TABLE_ROWS = 100_000;
    public static final int DEFAULT_SIGNAL_ROWS = 5_000;
    public static final int DEFAULT_TIMELINE_INCIDENTS = 2_000;
    /** The execution's governance record, written once the audit log names the execution. */
    static final String GOVERNANCE_FILE = "governance.json";
    /**
     * Tables exported at once: each export is a small query whose time is mostly the driver's,
     * so a few side by side fill the cores; the files and the manifest do not depend on it.
     */
    private static final int EXPORT_THREADS = 4;

    /** Tables copied into {@code tables/}, in this order. */
    private static final List<Table> EXPORTED = List.of(Table.INCIDENT_DIFFS,
            Table.FINGERPRINT_DIFFS, Table.SUPPRESSION_DIFFS, Table.CORRELATION_DIFFS,
            Table.RULE_IMPACT, Table.BLAST_RADIUS, Table.ACTION_DIFFS, Table.REPLAY_INCIDENTS,
            Table.REPLAY_ACTIONS, Table.BASELINE_INCIDENTS, Table.BASELINE_ACTIONS, Table.APPROVALS);
    /** The signal diff tables: the report shows only their first rows. */
    private static final List<Table> SIGNAL_DIFFS = List.of(Table.FINGERPRINT_DIFFS,
            Table.SUPPRESSION_DIFFS, Table.CORRELATION_DIFFS);
    /** Tables the timeline draws: the incidents and their actions' firings. */
    private static final List<Table> INCIDENTS = List.of(Table.REPLAY_INCIDENTS,
            Table.BASELINE_INCIDENTS, Table.REPLAY_ACTIONS, Table.BASELINE_ACTIONS);
    /** Tables that only mean something next to a parity report. */
    private static final List<Table> COMPARISON = List.of(Table.INCIDENT_DIFFS,
            Table.FINGERPRINT_DIFFS, Table.SUPPRESSION_DIFFS, Table.CORRELATION_DIFFS,
            Table.RULE_IMPACT, Table.BLAST_RADIUS, Table.ACTION_DIFFS, Table.BASELINE_INCIDENTS,
            Table.BASELINE_ACTIONS);

    private final SparkSession spark;
    private String warehouse;
    private String executionId;
    private String outDir;
    private BundleSource source;
    private long tableRowCap = DEFAULT_TABLE_ROWS;
    private int signalRowCap = DEFAULT_SIGNAL_ROWS;
    private int timelineCap = DEFAULT_TIMELINE_INCIDENTS;
    private Clock clock = Clock.systemUTC();
    private Runnable beforePublish = () -> { };

    private WriteBundle(SparkSession spark) {
        this.spark = spark;
    }

    public static WriteBundle with(SparkSession spark) {
        return new WriteBundle(Objects.requireNonNull(spark, "spark"));
    }

    /** The warehouse root (local path or Hadoop URI). */
    public WriteBundle warehouse(String warehouse) {
        this.warehouse = warehouse;
        return this;
    }

    public WriteBundle executionId(String executionId) {
        this.executionId = executionId;
        return this;
    }

    /**
     * Where the rows come from; defaults to the warehouse's tables. A replay passes the rows it
     * has just written ({@link HeldTables}): the files are the same either way.
     */
    public WriteBundle source(BundleSource source) {
        this.source = Objects.requireNonNull(source, "source");
        return this;
    }

    /** The parent folder of the bundle; defaults to {@code <warehouse>/bundles}. */
    public WriteBundle outDir(String outDir) {
        this.outDir = outDir;
        return this;
    }

    /** Rows written per exported table (default {@value #DEFAULT_TABLE_ROWS}). */
    public WriteBundle tableRowCap(long rows) {
        this.tableRowCap = positive(rows);
        return this;
    }

    /** Rows written per section of affected signals (default {@value #DEFAULT_SIGNAL_ROWS}). */
    public WriteBundle signalRowCap(int rows) {
        this.signalRowCap = (int) positive(rows);
        return this;
    }

    /** Incidents drawn per side on the timeline (default {@value #DEFAULT_TIMELINE_INCIDENTS}). */
    public WriteBundle timelineCap(int incidents) {
        this.timelineCap = (int) positive(incidents);
        return this;
    }

    /** The clock of {@code written_at} (tests pin it). */
    public WriteBundle clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Runs {@code gate} once the bundle is staged, before it replaces any earlier one; if the
     * gate throws, the staged bundle is dropped and the exception propagates. A replay passes
     * the wait for its own table writes, so that no bundle outlives tables that failed.
     */
    public WriteBundle beforePublish(Runnable gate) {
        this.beforePublish = Objects.requireNonNull(gate, "gate");
        return this;
    }

    /**
     * Reads the tables and writes the bundle.
     *
     * @throws InvalidInputException for an unknown execution, a missing executions table or a
     *                               table lacking a required column
     */
    public BundleResult execute() {
        if (warehouse == null || executionId == null) {
            throw new InvalidInputException("a bundle needs a warehouse and an execution id");
        }
        String out = outDir != null ? outDir : new Path(warehouse, "bundles").toString();
        BundleOutput output = new BundleOutput(spark.sparkContext().hadoopConfiguration(), out, executionId);
        BundleSource tables = source != null ? source : new WarehouseTables(spark, warehouse, executionId);
        Lineage lineage = new Lineage(tables.execution());
        try {
            BundleResult result = write(tables, lineage, output);
            beforePublish.run();
            output.publish();
            return result;
        } catch (RuntimeException e) {
            output.abandon();
            throw e;
        }
    }

    private BundleResult write(BundleSource tables, Lineage lineage, BundleOutput output) {
        BundleWriter writer = output.writer();
        BundleContent content = gather(tables, lineage, writer);
        writer.text("parity.json", BundleJson.pretty(
                content.parity().map(ParityFigures::json).orElseGet(() -> noParity(lineage))));
        writer.text("summary.md", SummaryMarkdown.render(content));
        writer.text("report.html", ReportHtml.render(content));
        if (!content.governance().isEmpty()) {
            writer.text(GOVERNANCE_FILE, BundleJson.pretty(GovernanceJson.record(content.governance())));
        }
        return seal(content, writer, output);
    }

    /** Exports the tables, the signal sections and the policy file; returns what they hold. */
    private BundleContent gather(BundleSource tables, Lineage lineage, BundleWriter writer) {
        Optional<ParityFigures> parity = tables.read(Table.PARITY_REPORT)
                .flatMap(rows -> tables.held(Table.PARITY_REPORT).orElseGet(() -> rows.limit(1).collectAsList())
                        .stream().findFirst())
                .map(ParityFigures::new);
        Map<String, ExportedTable> exported = exportTables(tables, new TableExport(writer, tableRowCap),
                parity.isPresent());
        ComponentIndex index = new ComponentIndex(table(exported, Table.INCIDENT_DIFFS)
                .map(t -> t.head().stream().map(DiffComponent::of).toList()).orElse(List.of()));
        Map<String, ExportedTable> signals = new LinkedHashMap<>();
        String signalsNote = parity.isPresent() ? exportSignals(tables, index, writer, signals) : null;
        PolicyCopy policy = PolicyFile.copy(spark.sparkContext().hadoopConfiguration(), lineage, writer);
        List<ActionMark> marks = ActionMark.of(table(exported, Table.REPLAY_ACTIONS),
                table(exported, Table.BASELINE_ACTIONS), table(exported, Table.ACTION_DIFFS), index);
        Timeline timeline = Timeline.of(lineage, table(exported, Table.BASELINE_INCIDENTS),
                table(exported, Table.REPLAY_INCIDENTS), marks, index);
        GovernanceRecord governance = GovernanceRecord.of(ControlPlane.open(warehouse,
                spark.sparkContext().hadoopConfiguration(), clock), executionId).decisions();
        return new BundleContent(lineage, parity, index, exported, signals, signalsNote, timeline,
                quarantine(tables), policy, governance);
    }

    /** Writes the manifest over every file written so far, then the zip. */
    private BundleResult seal(BundleContent content, BundleWriter writer, BundleOutput output) {
        List<BundleFile> files = writer.files();
        Instant writtenAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        PolicyCopy policy = content.policy();
        ObjectNode manifest = Manifest.build(executionId, writtenAt, content.lineage().json(policy.file(),
                policy.note()), tableCounts(content.tables(), content.signals()), files);
        writer.text(Manifest.FILE, BundleJson.pretty(manifest));
        List<String> order = new ArrayList<>(List.of(Manifest.FILE));
        files.forEach(f -> order.add(f.path()));
        output.zip(order);
        return new BundleResult(executionId, output.dir(), output.zipPath(), files,
                manifest.get(Manifest.SELF_HASH).asText(), writtenAt, content.parity().isPresent());
    }

    /**
     * Exports the tables that exist; without a parity report, the comparison tables are left out
     * even when they exist for other executions, so that absent and empty tables give one bundle.
     */
    private Map<String, ExportedTable> exportTables(BundleSource tables, TableExport export, boolean compared) {
        Map<String, Callable<ExportedTable>> exports = new LinkedHashMap<>();
        for (Table t : EXPORTED) {
            if (!compared && COMPARISON.contains(t)) {
                continue;
            }
            int keep = SIGNAL_DIFFS.contains(t) ? ReportHtml.ROWS_SHOWN
                    : INCIDENTS.contains(t) ? timelineCap : (int) Math.min(tableRowCap, Integer.MAX_VALUE);
            Optional<List<Row>> held = tables.held(t);
            tables.read(t).ifPresent(rows -> exports.put(t.tableName(), () -> held.isPresent()
                    ? export.export("tables", t.tableName(), rows, held.get(), t.sortKey(), keep)
                    : export.export("tables", t.tableName(), rows, t.sortKey(), keep)));
        }
        return SideBySide.run(exports, EXPORT_THREADS);
    }

    /** Writes the signal sections; returns why there are none, or null. */
    private String exportSignals(BundleSource tables, ComponentIndex index, BundleWriter writer,
            Map<String, ExportedTable> sections) {
        Optional<Dataset<Row>> signals = tables.read(Table.REPLAY_SIGNALS);
        if (signals.isEmpty()) {
            return "The warehouse has no replay_signals table, so no signal rows are included.";
        }
        Optional<Dataset<Row>> correlationDiffs = tables.read(Table.CORRELATION_DIFFS);
        Dataset<Row> affected = AffectedSignals.ofIncidents(signals.get(), correlationDiffs, index);
        List<AffectedSignals.SectionKeys> keys = new ArrayList<>();
        // Per section, how many signals it has: the incident sections' from one count per class.
        Map<String, Callable<Map<String, Long>>> counts = new LinkedHashMap<>();
        List<AffectedSignals.Section> incidentSections = List.of(AffectedSignals.CHANGED, AffectedSignals.MISSING,
                AffectedSignals.NEW);
        counts.put("incidents", () -> {
            Map<String, Long> perClass = countsByClass(affected);
            Map<String, Long> bySection = new LinkedHashMap<>();
            incidentSections.forEach(s -> bySection.put(s.name(),
                    s.classes().stream().mapToLong(c -> perClass.getOrDefault(c, 0L)).sum()));
            return bySection;
        });
        incidentSections.forEach(s -> keys.add(new AffectedSignals.SectionKeys(s, AffectedSignals.section(affected, s),
                true)));
        tables.read(Table.SUPPRESSION_DIFFS).ifPresent(diffs -> {
            Dataset<Row> newly = AffectedSignals.newlySuppressed(diffs);
            counts.put("suppression", () -> Map.of(AffectedSignals.NEWLY_SUPPRESSED.name(), newly.count()));
            keys.add(new AffectedSignals.SectionKeys(AffectedSignals.NEWLY_SUPPRESSED, newly, false));
        });
        Map<String, Long> totals = new LinkedHashMap<>();
        SideBySide.run(counts, counts.size()).values().forEach(totals::putAll);
        TableExport export = new TableExport(writer, signalRowCap);
        Map<String, Callable<ExportedTable>> exports = new LinkedHashMap<>();
        AffectedSignals.firstRows(keys, correlationDiffs, signals.get(), signalRowCap).forEach((name, rows) ->
                exports.put(name, () -> export.export("signals", name, rows, Table.REPLAY_SIGNALS.sortKey(),
                        signalRowCap, totals.get(name))));
        sections.putAll(SideBySide.run(exports, EXPORT_THREADS));
        return null;
    }

    /** Affected signals per component class, in one pass over the keys. */
    private static Map<String, Long> countsByClass(Dataset<Row> affected) {
        Map<String, Long> counts = new LinkedHashMap<>();
        affected.groupBy(col("class")).count().collectAsList()
                .forEach(r -> counts.put(r.getString(0), r.getLong(1)));
        return counts;
    }

    private static Optional<ExportedTable> table(Map<String, ExportedTable> exported, Table table) {
        return Optional.ofNullable(exported.get(table.tableName()));
    }

    /** Quarantined rows per reason, sorted by reason. */
    private static Map<String, Long> quarantine(BundleSource tables) {
        // A handful of reasons: sorted here rather than by a second Spark job.
        Map<String, Long> counts = new TreeMap<>();
        tables.read(Table.QUARANTINE).ifPresent(q -> q.groupBy(col("reason")).count().collectAsList()
                .forEach(r -> counts.put(Objects.requireNonNullElse(r.getString(0), "(null)"), r.getLong(1))));
        return new LinkedHashMap<>(counts);
    }

    /** parity.json of a run without a baseline. */
    private static ObjectNode noParity(Lineage lineage) {
        ObjectNode node = BundleJson.object();
        node.put(Table.EXECUTION_ID, lineage.executionId());
        node.put("baseline", lineage.text("baseline"));
        node.putNull("report");
        node.put("note", Narrative.NO_BASELINE);
        return node;
    }

    /** The manifest's per-table row counts: every table and section, present or not. */
    private ObjectNode tableCounts(Map<String, ExportedTable> exported, Map<String, ExportedTable> signals) {
        ObjectNode node = BundleJson.object();
        node.putObject("caps").put("table_rows", tableRowCap).put("signal_rows", signalRowCap)
                .put("timeline_incidents", timelineCap);
        ObjectNode tableNode = node.putObject("tables");
        for (Table t : EXPORTED) {
            counts(tableNode, t.tableName(), exported.get(t.tableName()));
        }
        ObjectNode signalNode = node.putObject("signals");
        for (AffectedSignals.Section s : AffectedSignals.SECTIONS) {
            counts(signalNode, s.name(), signals.get(s.name()));
        }
        return node;
    }

    private static void counts(ObjectNode parent, String name, ExportedTable table) {
        ObjectNode node = parent.putObject(name);
        node.put("present", table != null);
        if (table != null) {
            node.put("rows", table.total()).put("written", table.written());
        }
    }

    private static long positive(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("a cap must be positive: " + n);
        }
        return n;
    }
}
