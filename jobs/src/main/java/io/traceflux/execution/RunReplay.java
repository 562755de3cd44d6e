package io.traceflux.execution;

import io.traceflux.actions.Firing;
import io.traceflux.actions.FiringRows;
import io.traceflux.actions.ReplayActions;
import io.traceflux.bundle.BundleResult;
import io.traceflux.bundle.HeldTables;
import io.traceflux.bundle.WarehouseTables;
import io.traceflux.bundle.WriteBundle;
import io.traceflux.capture.Capture;
import io.traceflux.capture.CaptureRef;
import io.traceflux.capture.Quarantine;
import io.traceflux.capture.Selection;
import io.traceflux.capture.SelectionCounts;
import io.traceflux.capture.TimeRange;
import io.traceflux.capture.UnreadableCapture;
import io.traceflux.parity.ActionSides;
import io.traceflux.governance.CompactControlPlane;
import io.traceflux.governance.ExecutionAudit;
import io.traceflux.governance.KernelOutputs;
import io.traceflux.parity.BaselineTables;
import io.traceflux.parity.Comparison;
import io.traceflux.parity.ComputeParity;
import io.traceflux.parity.ParityInputs;
import io.traceflux.parity.ParityReport;
import io.traceflux.parity.ParityResult;
import io.traceflux.pipeline.CoPartition;
import io.traceflux.pipeline.ReplayPipeline;
import io.traceflux.policy.Policy;
import io.traceflux.spark.Caches;
import io.traceflux.spark.CodeGeneration;
import io.traceflux.spark.ShufflePartitions;
import io.traceflux.spark.SideBySide;
import io.traceflux.warehouse.CreateTables;
import io.traceflux.warehouse.ExecutionWriter;
import io.traceflux.warehouse.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The replay action, one stage after the other: open the pinned inputs, quarantine and
 * select, replay the policy, compare with the baseline, write every table, write the
 * evidence bundle, record the execution. Each stage hands the next an immutable record;
 * nothing the run writes is read back, and the bundle is built from the rows the run holds.
 *
 * <p>Input problems surface as {@link io.traceflux.InvalidInputException} before anything is
 * written. The executions row says {@code running} from the start (written beside the first
 * stages, with any missing table); a failure after that removes the rows this run wrote and
 * leaves the row {@code failed}.
 *
 * <p>The audit log (SPEC 6.4) gets {@code execution_started} when the row is first written and
 * {@code execution_finished} at the end: succeeded with the SHA-256 of the bundle's manifest,
 * or failed. Once recorded, the control-plane tables are compacted when they have grown many
 * small files ({@link CompactControlPlane}). A re-run of an execution that was approved,
 * rejected or promoted is refused (exit 4) before anything is written: those decisions hold for
 * the results they were taken on.
 */
public final class RunReplay {

    private static final int STEPS = 7;
    /**
     * Incidents (replay and baseline) up to which a run holds its incident-level tables on the
     * driver: a few MiB of rows at most, well inside any driver.
     */
    private static final long HELD_INCIDENTS = 10_000;
    /**
     * Capture rows up to which a run also holds its signal-level tables on the driver: each row
     * is well under a KiB, so a few tens of MiB at most.
     */
    private static final long HELD_SIGNALS = 20_000;
    /** Collects at once: each is a small query whose time is mostly the driver's. */
    private static final int HOLD_THREADS = 4;

    private final SparkSession spark;
    private final ReplayConfig config;
    private final Progress progress;
    private final ExecutionAudit audit;

    /**
     * @param spark the application's session: the run works in a new session of it, whose
     *              settings it sizes to the window (shuffle partitions, code generation) without
     *              changing the caller's, so replays side by side each size their own
     */
    public RunReplay(SparkSession spark, ReplayConfig config, Progress progress) {
        this.spark = spark.newSession();
        this.config = config;
        this.progress = progress;
        this.audit = ExecutionAudit.of(spark, config.warehouse());
    }

    public static int steps() {
        return STEPS;
    }

    /**
     * The pinned inputs, checked, the executions row that says the run has started, and
     * whether the execution id ran before (its rows are then replaced, not appended).
     */
    private record Opened(Capture capture, Dataset<Row> raw, BaselineSpec baseline, BaselineLoader baselines,
            ExecutionRecord running, boolean rerun) {
    }

    /** Every input row classified, the selected ones, their counts and the shuffle key. */
    private record Selected(Dataset<Row> classified, Dataset<Row> signals, SelectionCounts counts,
            CoPartition coPartition) {
    }

    /**
     * The baseline side, the comparison of both sides' decisions per selected signal, and the
     * baseline's actions (empty when production's were not captured).
     */
    private record Against(ParityInputs.Baseline baseline, Comparison comparison, Optional<ActionSides.Side> actions) {
    }

    /**
     * What the policy decided: rows carrying the decisions (the comparison's, with the
     * baseline's beside them, when there is a baseline), the incidents, the outcome counts and
     * the would-be firings of its actions.
     */
    private record Replayed(ReplayPipeline pipeline, Dataset<Row> decided, Optional<Against> against,
            Dataset<Row> incidents, long incidentCount, Outcomes outcomes, List<Firing> firings) {
    }

    /**
     * The tables of the run, each conformed to the registry, the rows of those it holds on the
     * driver ({@link #hold}), and the parity report if compared.
     */
    private record Outputs(Map<Table, Dataset<Row>> tables, Map<Table, List<Row>> held,
            Optional<ParityReport> parity) {

        /** The same outputs with {@code table}'s rows given by {@code rows}. */
        Outputs with(Table table, Dataset<Row> rows) {
            Map<Table, Dataset<Row>> replaced = new EnumMap<>(tables);
            replaced.put(table, rows);
            return new Outputs(replaced, held, parity);
        }
    }

    public ReplayResult execute() {
        // Delta and Spark read some settings from the thread's active session: this run's.
        scala.Option<SparkSession> caller = SparkSession.getActiveSession();
        SparkSession.setActiveSession(spark);
        try {
            Opened opened = open();
            ExecutionWriter writer = new ExecutionWriter(spark, config.warehouse(), config.executionId(),
                    config.policy().sha256());
            try (Caches caches = new Caches()) {
                Selected selected = select(opened, caches);
                CompletableFuture<Void> started = CompletableFuture.runAsync(() -> start(opened, writer));
                return run(opened, selected, writer, started, caches);
            }
        } finally {
            if (caller.isDefined()) {
                SparkSession.setActiveSession(caller.get());
            } else {
                SparkSession.clearActiveSession();
            }
        }
    }

    /** Everything after the capture has been read once: from here on the run is recorded. */
    private ReplayResult run(Opened opened, Selected selected, ExecutionWriter writer, CompletableFuture<Void> started,
            Caches caches) {
        CompletableFuture<Void> written = CompletableFuture.completedFuture(null);
        try {
            Replayed replayed = replay(opened, selected, caches);
            Outputs outputs = compare(selected, replayed, caches);
            await(started);
            ExecutionRecord done = opened.running().succeeded(Instant.now(), counts(selected, replayed),
                    pendingPromotion(outputs));
            Dataset<Row> record = executionRow(done);
            written = write(outputs, writer, opened.rerun());
            BundleResult bundle = bundle(record, outputs, written);
            await(written);
            progress.step("recording the execution");
            writer.replace(Table.EXECUTIONS, record);
            audit.finished(done, outputs.parity(), bundle.manifestSha256());
            compactControlPlane();
            return result(done, selected, replayed, outputs);
        } catch (Exception e) {
            // Delta throws checked exceptions through Scala, which javac does not see: catch them too.
            fail(started, written, writer, opened.running(), e);
            throw e;
        }
    }

    /**
     * Opens the capture, checks the baseline and builds the lineage; writes nothing but the
     * audit entry of a refused re-run. A re-run of an execution id reads its Delta inputs at the
     * versions the earlier attempt recorded, unless the command line pins others.
     */
    private Opened open() {
        progress.step("opening capture " + config.capture());
        new CreateTables(spark, config.warehouse()).checkPaths(tablesToCreate());
        Attempts attempts = Attempts.of(spark, config.warehouse(), config.executionId());
        attempts.refuseIfRunning(config.executionId());
        CaptureRef ref = config.capture().version().isPresent() ? config.capture()
                : new CaptureRef(config.capture().path(),
                        attempts.recordedVersion("capture_version", config.capture().path()));
        Capture capture = Capture.open(spark, ref);
        Dataset<Row> raw = capture.signals(spark);
        CodeGeneration.sizeFor(spark, raw);
        BaselineSpec baseline = BaselineSpec.orDefault(config.baseline(), capture.hasBaseline());
        BaselineLoader baselines = new BaselineLoader(spark, config.warehouse(), config.executionId());
        Map<String, Long> pins = new TreeMap<>();
        attempts.recordedVersion("baseline_incidents_version", capture.path())
                .ifPresent(v -> pins.put(BaselineTables.INCIDENTS, v));
        attempts.recordedVersion("baseline_membership_version", capture.path())
                .ifPresent(v -> pins.put(BaselineTables.MEMBERSHIP, v));
        Map<String, Long> versions = baselines.check(baseline, capture, pins);
        ExecutionRecord running = ExecutionRecord.running(
                Lineages.of(config, capture, baseline, versions, effectiveWindow(capture), Instant.now(), spark),
                attempts.next());
        audit.refuseIfDecided(running);
        return new Opened(capture, raw, baseline, baselines, running, attempts.isRerun());
    }

    /**
     * Quarantines bad rows and selects the window and scope (SPEC 2.1, 2.3). Its counts read
     * every row of the capture: a file that cannot be read is invalid input, found here
     * before anything is written.
     */
    private Selected select(Opened in, Caches caches) {
        progress.step("quarantining and selecting signals");
        // Every later read of the signals joins these ids. Cached in one partition, each query
        // broadcasts them (a broadcast runs one task per cached partition); filled before the
        // count, so that the count already sees a small cached relation and broadcasts it.
        Dataset<Row> duplicatedIds = caches.keep(Quarantine.duplicatedIds(in.raw()).coalesce(1),
                StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> classified = new Quarantine(in.capture().manifest().window()).apply(in.raw(), duplicatedIds);
        Selection selection = new Selection(config.subWindow(), config.scope());
        SelectionCounts counts;
        try {
            duplicatedIds.count();
            counts = selection.counts(classified);
        } catch (Exception e) {
            // Spark reports unreadable files as checked exceptions through Scala: catch them too.
            throw UnreadableCapture.explain(e, in.capture().path()).orElseThrow(() -> asUnchecked(e));
        }
        int partitions = ShufflePartitions.sizeFor(spark, counts.selected());
        CoPartition coPartition = CoPartition.of(policies(in.baseline()), partitions);
        return new Selected(classified, selection.apply(classified), counts, coPartition);
    }

    /**
     * Runs the policy's pipeline and, with a baseline, compares its decisions with the
     * baseline's. The narrow decisions are kept on disk (every table and count reads them; in
     * memory they would fill a 2 GiB driver at 10M signals), the incidents, as few as the
     * decisions are many, in memory. The incidents carry when each action first fires for
     * them; the firings come to the driver, where the cooldown holds are decided.
     */
    private Replayed replay(Opened opened, Selected in, Caches caches) {
        progress.step("replaying " + in.counts().selected() + " selected signals through " + config.policy().ref()
                + (opened.baseline() instanceof BaselineSpec.None ? "" : " and baseline " + opened.baseline().label()));
        ReplayPipeline pipeline = ReplayPipeline.of(config.policy(), in.coPartition());
        Dataset<Row> decisions = pipeline.decisions(in.signals());
        Optional<Against> against = against(opened, in, pipeline, decisions, caches);
        Dataset<Row> decided = against.map(a -> a.comparison().rows())
                .orElseGet(() -> caches.keep(decisions, StorageLevel.DISK_ONLY()));
        Dataset<Row> incidents = caches.keep(pipeline.incidents(decided), StorageLevel.MEMORY_AND_DISK());
        long incidentCount = incidents.count();
        List<Firing> firings = ReplayActions.of(incidents, config.policy().actions());
        return new Replayed(pipeline, decided, against, OutputRows.incidents(incidents, config.executionId()),
                incidentCount, Outcomes.of(decided, config.policy().suppression()), firings);
    }

    /** The baseline over the selected signals and its comparison with {@code decisions}; empty without one. */
    private Optional<Against> against(Opened opened, Selected in, ReplayPipeline pipeline, Dataset<Row> decisions,
            Caches caches) {
        if (opened.baseline() instanceof BaselineSpec.None) {
            return Optional.empty();
        }
        caches.onClose(opened.baselines()::release);
        ParityInputs.Baseline baseline = opened.baselines().load(opened.baseline(), opened.capture(), in.signals(),
                in.coPartition());
        Comparison comparison = Comparison.of(decisions, baseline, pipeline::withReason);
        caches.onClose(comparison::release);
        return Optional.of(new Against(baseline, comparison,
                opened.baselines().actions(opened.baseline(), opened.capture(), baseline)));
    }

    /**
     * The run's tables: replay_signals, replay_incidents, quarantine and replay_actions, and
     * with a baseline the parity tables (SPEC 4).
     */
    private Outputs compare(Selected selected, Replayed replayed, Caches caches) {
        Map<Table, Dataset<Row>> tables = new EnumMap<>(Table.class);
        tables.put(Table.REPLAY_SIGNALS, OutputRows.signals(
                replayed.pipeline().whole(selected.signals(), replayed.decided()), config.executionId()));
        tables.put(Table.REPLAY_INCIDENTS, replayed.incidents());
        tables.put(Table.QUARANTINE, OutputRows.quarantine(Quarantine.rejected(selected.classified()),
                config.executionId()));
        tables.put(Table.REPLAY_ACTIONS, FiringRows.of(spark, Table.REPLAY_ACTIONS, config.executionId(),
                replayed.firings()));
        if (replayed.against().isEmpty()) {
            progress.step("no baseline: parity skipped");
            return hold(conformed(tables), Optional.empty(), replayed.incidentCount(), selected.counts().inputRows());
        }
        progress.step("computing parity against the baseline");
        Against against = replayed.against().get();
        ParityResult parity = ComputeParity.of(new ParityInputs(config.executionId(), config.scope().toString(),
                against.comparison(), replayed.incidents(), against.baseline(), config.policy().suppression(),
                config.policy().governance().gates(), selected.counts().quarantinedByReason(),
                selected.counts().inputRows(),
                new ActionSides(new ActionSides.Side(replayed.firings(), !config.policy().actions().isEmpty()),
                        against.actions()))).execute();
        caches.onClose(parity::release);
        tables.putAll(parity.tables());
        tables.put(Table.BASELINE_INCIDENTS,
                BaselineIncidents.of(against.baseline(), parity.baselineMembers(), config.executionId()));
        tables.put(Table.BASELINE_ACTIONS, FiringRows.of(spark, Table.BASELINE_ACTIONS, config.executionId(),
                parity.baselineFirings()));
        Outputs outputs = hold(conformed(tables), Optional.of(parity.report()),
                replayed.incidentCount() + parity.report().baselineIncidents(), selected.counts().inputRows());
        if (outputs.held().containsKey(Table.REPLAY_SIGNALS)) {
            return outputs;
        }
        // With a baseline the bundle reads replay_signals again (the affected signals, their counts
        // and first rows), and each read would join the whole signals with their decisions anew:
        // kept on disk once, filled by whichever of the write and the bundle reaches it first.
        return outputs.with(Table.REPLAY_SIGNALS,
                caches.keep(outputs.tables().get(Table.REPLAY_SIGNALS), StorageLevel.DISK_ONLY()));
    }

    /**
     * With at most {@link #HELD_INCIDENTS} incidents on both sides, collects the
     * {@link Table#INCIDENT_LEVEL} tables once, side by side, and with at most
     * {@link #HELD_SIGNALS} capture rows the {@link Table#SIGNAL_LEVEL} ones too: from then on
     * the bundle exports them from those rows and a first run appends them without a Spark job
     * ({@link KernelOutputs}), instead of each of the two planning and running the parity plan
     * again. A small replay's time is mostly such per-query work, not rows.
     */
    private Outputs hold(Map<Table, Dataset<Row>> tables, Optional<ParityReport> parity, long incidents,
            long captureRows) {
        List<Table> small = new ArrayList<>();
        if (incidents <= HELD_INCIDENTS) {
            small.addAll(Table.INCIDENT_LEVEL);
        }
        if (captureRows <= HELD_SIGNALS) {
            small.addAll(Table.SIGNAL_LEVEL);
        }
        Map<Table, Callable<List<Row>>> collects = new EnumMap<>(Table.class);
        small.stream().filter(tables::containsKey).forEach(t -> collects.put(t, tables.get(t)::collectAsList));
        Map<Table, List<Row>> held = new EnumMap<>(Table.class);
        held.putAll(SideBySide.run(collects, HOLD_THREADS));
        Map<Table, Dataset<Row>> out = new EnumMap<>(tables);
        held.forEach((table, rows) -> out.put(table, spark.createDataFrame(rows, table.schema())));
        return new Outputs(out, held, parity);
    }

    /**
     * Creates the tables a fresh warehouse lacks and records the run as started, in executions
     * and in the audit log. Runs beside the first stages, which need no table.
     */
    private void start(Opened opened, ExecutionWriter writer) {
        new CreateTables(spark, config.warehouse()).ifMissing(tablesToCreate());
        if (opened.rerun()) {
            writer.replace(Table.EXECUTIONS, executionRow(opened.running()));
        } else {
            writer.append(Table.EXECUTIONS, executionRow(opened.running()));
        }
        audit.started(opened.running());
    }

    /**
     * Starts writing every table of the run, side by side, each one atomic commit; the bundle
     * is written meanwhile from the same held rows.
     */
    private CompletableFuture<Void> write(Outputs outputs, ExecutionWriter writer, boolean rerun) {
        progress.step("writing " + outputs.tables().size() + " tables under " + config.warehouse().root());
        return CompletableFuture.runAsync(() -> {
            writer.writeAll(outputs.tables(), outputs.held(), KernelOutputs.of(config.warehouse(),
                    spark.sparkContext().hadoopConfiguration(), writer.commitMetadata()), rerun);
            if (rerun) {
                // An earlier attempt may have compared with a baseline this one does not have.
                Table.REPLAY_OUTPUTS.stream().filter(t -> !outputs.tables().containsKey(t)).forEach(writer::delete);
            }
        });
    }

    /**
     * The evidence bundle, from the rows the run holds: the same files `traceflux bundle`
     * writes. It is staged beside the table writes and published only once they have all
     * committed, so a run whose tables failed leaves no bundle describing them.
     */
    private BundleResult bundle(Dataset<Row> record, Outputs outputs, CompletableFuture<Void> written) {
        progress.step("writing the evidence bundle under " + config.warehouse().bundlePath(config.executionId()));
        Row execution = record.first();
        return WriteBundle.with(spark).warehouse(config.warehouse().root()).executionId(config.executionId())
                .source(new HeldTables(execution, outputs.tables(), outputs.held(),
                        new WarehouseTables(spark, config.warehouse().root(), config.executionId())))
                .beforePublish(() -> await(written))
                .execute();
    }

    /**
     * Compacts the control-plane tables that need it. The execution is recorded by now: a
     * failure here is reported and left for the next run, never turned into a failed run.
     */
    private void compactControlPlane() {
        try {
            CompactControlPlane.on(spark, config.warehouse()).execute();
        } catch (RuntimeException e) {
            System.err.println("warning: the control-plane tables were not compacted (the next run tries again): "
                    + e.getMessage());
        }
    }

    private ExecutionRecord.Counts counts(Selected selected, Replayed replayed) {
        SelectionCounts s = selected.counts();
        Outcomes o = replayed.outcomes();
        return new ExecutionRecord.Counts(s.inputRows(), s.selected(), s.quarantined(), s.outOfWindow(),
                s.outOfScope(), o.suppressed(), o.duplicates(), replayed.incidentCount(), o.unknownSeverity());
    }

    /**
     * An enforced run whose gates all passed asks for its policy version to become active in
     * its scope (SPEC 6.1); a dry-run, or a run without a baseline to gate on, never does.
     */
    private boolean pendingPromotion(Outputs outputs) {
        return config.mode() == Mode.ENFORCED && outputs.parity().map(ParityReport::gatesPassed).orElse(false);
    }

    private ReplayResult result(ExecutionRecord done, Selected selected, Replayed replayed, Outputs outputs) {
        Outcomes o = replayed.outcomes();
        return new ReplayResult(done, selected.counts(), o.suppressedByRule(), o.duplicates(),
                replayed.incidentCount(), o.incidentSignals(), o.uncorrelated(), o.unknownSeverity(),
                replayed.firings(), outputs.parity(), progress.elapsedSeconds());
    }

    private static Map<Table, Dataset<Row>> conformed(Map<Table, Dataset<Row>> tables) {
        Map<Table, Dataset<Row>> out = new EnumMap<>(Table.class);
        tables.forEach((table, rows) -> out.put(table, table.conform(rows)));
        return out;
    }

    /** The executions table and every replay output: created empty when missing. */
    private static List<Table> tablesToCreate() {
        List<Table> tables = new ArrayList<>(List.of(Table.EXECUTIONS));
        tables.addAll(Table.REPLAY_OUTPUTS);
        return tables;
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

    /**
     * Leaves the run {@code failed}, removing the rows it wrote where it can. Waits for the
     * start record and the table writes first, so that neither can land after the failure. A cleanup step that fails
     * too is attached to {@code cause} and does not stop the others: the failed record matters
     * most, and readers skip rows of executions that did not succeed.
     */
    private void fail(CompletableFuture<Void> started, CompletableFuture<Void> written, ExecutionWriter writer,
            ExecutionRecord running, Exception cause) {
        List<Runnable> cleanup = new ArrayList<>();
        cleanup.add(() -> await(started));
        cleanup.add(() -> await(written));
        Table.REPLAY_OUTPUTS.forEach(t -> cleanup.add(() -> writer.delete(t)));
        ExecutionRecord failed = running.failed(Instant.now(), String.valueOf(cause.getMessage()));
        cleanup.add(() -> writer.replace(Table.EXECUTIONS, executionRow(failed)));
        cleanup.add(() -> {
            // Only a run whose start is on record gets a finished entry.
            if (!started.isCompletedExceptionally()) {
                audit.finished(failed, Optional.empty(), null);
            }
        });
        for (Runnable step : cleanup) {
            try {
                step.run();
            } catch (Exception e) {
                // The failed table writes surface here again as the cause itself.
                if (e != cause && e.getCause() != cause) {
                    cause.addSuppressed(e);
                }
            }
        }
    }

    private static RuntimeException asUnchecked(Exception e) {
        return e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
    }

    /**
     * Waits for a step run beside the main sequence; its failure surfaces as itself, not
     * wrapped (Delta's checked exceptions, thrown through Scala, as an unchecked one with their
     * message).
     */
    private static void await(CompletableFuture<Void> step) {
        try {
            step.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
        }
    }

    private Dataset<Row> executionRow(ExecutionRecord record) {
        return spark.createDataFrame(record.asRows(), Table.EXECUTIONS.schema());
    }
}
