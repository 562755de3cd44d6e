package io.traceflux.execution;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.traceflux.bundle.BundleResult;
import io.traceflux.bundle.WriteBundle;
import io.traceflux.capture.Capture;
import io.traceflux.capture.Quarantine;
import io.traceflux.capture.Selection;
import io.traceflux.capture.SelectionCounts;
import io.traceflux.capture.TimeRange;
import io.traceflux.governance.ExecutionAudit;
import io.traceflux.parity.Comparison;
import io.traceflux.parity.ComputeParity;
import io.traceflux.parity.ParityInputs;
import io.traceflux.parity.ParityReport;
import io.traceflux.parity.ParityResult;
import io.traceflux.pipeline.CoPartition;
import io.traceflux.pipeline.ReplayPipeline;
import io.traceflux.policy.Policy;
import io.traceflux.policy.SuppressionRule;
import io.traceflux.spark.ShufflePartitions;
import io.traceflux.warehouse.ExecutionWriter;
import io.traceflux.warehouse.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The replay action: reads the pinned capture, quarantines and selects, runs the policy's
 * pipeline and writes the execution's tables. Input problems surface as
 * {@link io.traceflux.InvalidInputException} before anything is written; a failure after
 * that removes the rows this run wrote and leaves the executions row {@code failed}.
 */
public final class RunReplay {

    private static final int STEPS = 7;

    private final SparkSession spark;
    private final ReplayConfig config;
    private final Progress progress;
    private final ExecutionAudit audit;

    public RunReplay(SparkSession spark, ReplayConfig config, Progress progress) {
        this.spark = spark;
        this.config = config;
        this.progress = progress;
        this.audit = ExecutionAudit.of(spark, config.warehouse());
    }

    public static int steps() {
        return STEPS;
    }

    public ReplayResult execute() {
        Instant started = Instant.now();
        progress.step("opening capture " + config.capture());
        Capture capture = Capture.open(spark, config.capture());
        Dataset<Row> raw = capture.signals(spark);
        TimeRange window = effectiveWindow(capture);
        Selection selection = new Selection(config.subWindow(), config.scope());
        BaselineSpec baseline = BaselineSpec.orDefault(config.baseline(), capture.hasBaseline());
        BaselineLoader baselines = new BaselineLoader(spark, config.warehouse(), config.executionId());
        baselines.check(baseline, capture);
        ExecutionRecord running = ExecutionRecord.running(
                Lineages.of(config, capture, baseline, window, started, spark));

        ExecutionWriter writer = new ExecutionWriter(spark, config.warehouse(), config.executionId(),
                config.policy().sha256());
        audit.started(running);
        writer.replace(Table.EXECUTIONS, rowsOf(running));
        try {
            return run(new Inputs(capture, raw, selection, baseline, baselines), running, writer);
        } catch (Exception e) {
            // Delta throws checked IOExceptions through Scala; they must clean up too.
            fail(writer, running, e);
            throw e;
        }
    }

    /** What {@link #execute} checked before writing, handed to the writing part. */
    private record Inputs(Capture capture, Dataset<Row> raw, Selection selection, BaselineSpec baseline,
            BaselineLoader baselines) {
    }

    private ReplayResult run(Inputs in, ExecutionRecord running, ExecutionWriter writer) {
        progress.step("quarantining and selecting signals");
        // Every later read of the signals joins these ids; cached, the aggregation runs once.
        // One partition: each query that reads the signals broadcasts these few ids, and a
        // broadcast runs one task per cached partition.
        Dataset<Row> duplicatedIds = Quarantine.duplicatedIds(in.raw()).coalesce(1)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            // Filled first, so that the counting query already sees a small cached relation and
            // broadcasts it; planned before it existed, that query shuffled every signal to join it.
            duplicatedIds.count();
            Dataset<Row> classified = new Quarantine(in.capture().manifest().window()).apply(in.raw(), duplicatedIds);
            SelectionCounts counts = in.selection().counts(classified);
            int partitions = ShufflePartitions.sizeFor(spark, counts.selected());
            CoPartition coPartition = CoPartition.of(policies(in.baseline()), partitions);
            Dataset<Row> selected = in.selection().apply(classified);
            return replay(in, classified, selected, counts, coPartition, running, writer);
        } finally {
            duplicatedIds.unpersist();
        }
    }

    /**
     * Writes replay_signals from the pipeline's narrow decisions joined to the whole signals
     * (nothing wide is cached), then reads it back for the incidents and counts: Delta's
     * Parquet hands out just the columns each consumer needs. With a baseline the decisions
     * come from the {@link Comparison}, which the same write fills: the pipeline runs once, and
     * parity reads its cache instead of the written table.
     */
    private ReplayResult replay(Inputs in, Dataset<Row> classified, Dataset<Row> selected, SelectionCounts counts,
            CoPartition coPartition, ExecutionRecord running, ExecutionWriter writer) {
        progress.step("replaying " + counts.selected() + " selected signals through " + config.policy().ref()
                + " into replay_signals and quarantine");
        ReplayPipeline pipeline = ReplayPipeline.of(config.policy(), coPartition);
        Dataset<Row> decisions = pipeline.decisions(selected);
        if (in.baseline() instanceof BaselineSpec.None) {
            Replayed replayed = writeReplay(pipeline, classified, selected, decisions, writer);
            progress.step("no baseline: parity skipped");
            return finish(running, counts, replayed, Optional.empty(), writer);
        }
        ParityInputs.Baseline baseline = in.baselines().load(in.baseline(), in.capture(), selected, coPartition);
        Comparison comparison = Comparison.of(decisions, baseline, pipeline::withReason);
        try {
            Replayed replayed = writeReplay(pipeline, classified, selected, comparison.rows(), writer);
            progress.step("comparing with baseline " + in.baseline().label());
            ParityReport parity = compare(comparison, baseline, counts, writer);
            return finish(running, counts, replayed, Optional.of(parity), writer);
        } finally {
            comparison.release();
            in.baselines().release();
        }
    }

    /** What the replay wrote: its outcome counts and how many incidents it formed. */
    private record Replayed(Outcomes outcomes, long incidents) {
    }

    /** Writes replay_signals and quarantine, then replay_incidents from the written signals. */
    private Replayed writeReplay(ReplayPipeline pipeline, Dataset<Row> classified, Dataset<Row> selected,
            Dataset<Row> decisions, ExecutionWriter writer) {
        Map<Table, Dataset<Row>> replayTables = new LinkedHashMap<>();
        replayTables.put(Table.REPLAY_SIGNALS,
                OutputRows.signals(pipeline.whole(selected, decisions), config.executionId()));
        replayTables.put(Table.QUARANTINE, OutputRows.quarantine(Quarantine.rejected(classified), config.executionId()));
        writer.replaceAll(replayTables);

        progress.step("writing replay_incidents");
        Dataset<Row> signals = written(Table.REPLAY_SIGNALS);
        writer.replace(Table.REPLAY_INCIDENTS, OutputRows.incidents(pipeline.incidents(signals), config.executionId()));
        return new Replayed(Outcomes.of(signals, config.policy().suppression()), written(Table.REPLAY_INCIDENTS).count());
    }

    /** Records the execution as succeeded and writes its evidence bundle. */
    private ReplayResult finish(ExecutionRecord running, SelectionCounts counts, Replayed replayed,
            Optional<ParityReport> parity, ExecutionWriter writer) {
        progress.step("recording the execution");
        Outcomes outcomes = replayed.outcomes();
        long incidentCount = replayed.incidents();
        ExecutionRecord.Counts c = new ExecutionRecord.Counts(counts.inputRows(), counts.selected(),
                counts.quarantined(), counts.outOfWindow(), counts.outOfScope(), outcomes.suppressed(),
                outcomes.duplicates(), incidentCount, outcomes.unknownSeverity());
        boolean pendingPromotion = config.mode() == Mode.ENFORCED && parity.map(ParityReport::gatesPassed).orElse(false);
        ExecutionRecord done = running.succeeded(Instant.now(), c, pendingPromotion);
        writer.replace(Table.EXECUTIONS, rowsOf(done));

        // Last, from the tables alone, so that `traceflux bundle` later rewrites the same bytes.
        progress.step("writing the evidence bundle under " + config.warehouse().bundlePath(config.executionId()));
        BundleResult bundle = WriteBundle.with(spark).warehouse(config.warehouse().root())
                .executionId(config.executionId()).execute();
        audit.finished(done, parity, bundle.manifestSha256());
        return new ReplayResult(done, counts, outcomes.suppressedByRule(), outcomes.duplicates(), incidentCount,
                outcomes.incidentSignals(), outcomes.uncorrelated(), outcomes.unknownSeverity(), parity,
                progress.elapsedSeconds());
    }

    /** Parity against the baseline (SPEC 4), written to the parity tables; returns the report. */
    private ParityReport compare(Comparison comparison, ParityInputs.Baseline baseline, SelectionCounts counts,
            ExecutionWriter writer) {
        ParityInputs inputs = new ParityInputs(config.executionId(), config.scope().toString(), comparison,
                written(Table.REPLAY_INCIDENTS), baseline, config.policy().suppression(),
                config.policy().governance().gates(), counts.quarantinedByReason());
        ParityResult result = ComputeParity.of(inputs).execute();
        try {
            Map<Table, Dataset<Row>> parityTables = new LinkedHashMap<>();
            result.tables().forEach((name, rows) -> parityTables.put(Table.named(name), rows));
            parityTables.put(Table.BASELINE_INCIDENTS,
                    BaselineIncidents.of(baseline, result.baselineMembers(), config.executionId()));
            writer.replaceAll(parityTables);
            return result.report();
        } finally {
            result.release();
        }
    }

    /** This run's rows of an output table as written: cheaper to read back than to compute again. */
    private Dataset<Row> written(Table table) {
        return spark.read().format("delta").load(config.warehouse().tablePath(table))
                .filter(col("execution_id").equalTo(config.executionId()));
    }

    /** The policies this execution runs: the replayed one, and a policy baseline's. */
    private List<Policy> policies(BaselineSpec baseline) {
        return baseline instanceof BaselineSpec.PolicyVersion p ? List.of(config.policy(), p.policy())
                : List.of(config.policy());
    }

    /** The capture window narrowed by --window-start/--window-end. */
    private TimeRange effectiveWindow(Capture capture) {
        TimeRange cw = capture.manifest().window();
        TimeRange sub = config.subWindow();
        Instant start = sub.start() != null && sub.start().isAfter(cw.start()) ? sub.start() : cw.start();
        Instant end = sub.end() != null && sub.end().isBefore(cw.end()) ? sub.end() : cw.end();
        return new TimeRange(start, end);
    }

    private void fail(ExecutionWriter writer, ExecutionRecord running, Exception cause) {
        for (Table t : Table.values()) {
            if (t != Table.EXECUTIONS) {
                writer.delete(t);
            }
        }
        ExecutionRecord failed = running.failed(Instant.now(), String.valueOf(cause.getMessage()));
        writer.replace(Table.EXECUTIONS, rowsOf(failed));
        audit.finished(failed, Optional.empty(), null);
    }

    private Dataset<Row> rowsOf(ExecutionRecord record) {
        return spark.createDataFrame(record.asRows(), ExecutionRecord.SCHEMA);
    }

    /** Per-decision counts of the explained signals, from one small aggregation. */
    private record Outcomes(Map<String, Long> suppressedByRule, long suppressed, long duplicates,
            long incidentSignals, long uncorrelated, long unknownSeverity) {

        static Outcomes of(Dataset<Row> explained, List<SuppressionRule> rules) {
            Map<String, Long> byRule = new LinkedHashMap<>();
            rules.forEach(r -> byRule.put(r.id(), 0L));
            long suppressed = 0;
            long duplicates = 0;
            long incidentSignals = 0;
            long uncorrelated = 0;
            long unknown = 0;
            List<Row> rows = explained.groupBy(col("decision"), col("suppressed_by"))
                    .agg(count(lit(1)), sum(when(col("duplicate_of").isNotNull(), 1).otherwise(0)),
                            sum(when(col("severity").equalTo("unknown"), 1).otherwise(0)))
                    .collectAsList();
            for (Row r : rows) {
                long n = r.getLong(2);
                duplicates += r.getLong(3);
                unknown += r.getLong(4);
                switch (r.getString(0)) {
                    case "suppressed" -> {
                        suppressed += n;
                        byRule.merge(r.getString(1), n, Long::sum);
                    }
                    case "incident" -> incidentSignals += n;
                    case "uncorrelated" -> uncorrelated += n;
                    default -> { }
                }
            }
            return new Outcomes(byRule, suppressed, duplicates, incidentSignals, uncorrelated, unknown);
        }
    }
}
