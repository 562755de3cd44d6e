package io.traceflux.parity;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;

import io.traceflux.policy.Severity;
import io.traceflux.warehouse.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Compares a replay with its baseline (SPEC 4): links incidents that share signals, classifies
 * the connected components, computes the parity report and builds the diff tables.
 *
 * <p>Signals stay in Spark: one aggregation over them yields (baseline incident, replay
 * incident) cells, which are as few as the incidents and come to the driver for the graph,
 * B-cubed and the report. The signal-level tables are joins against the small component map.
 *
 * <pre>{@code
 * ParityResult result = ComputeParity.of(inputs).execute();
 * result.tables().forEach(writer::write);
 * }</pre>
 */
public final class ComputeParity {

    private static final StructType COMPONENT_MAP = new StructType()
            .add("incident_id", DataTypes.StringType)
            .add("component_id", DataTypes.StringType)
            .add("class", DataTypes.StringType)
            .add("size", DataTypes.LongType);

    private static final long SIGNALS_PER_DIFF_FILE = 1_000_000;

    private final ParityInputs inputs;

    private ComputeParity(ParityInputs inputs) {
        this.inputs = inputs;
    }

    public static ComputeParity of(ParityInputs inputs) {
        return new ComputeParity(inputs);
    }

    /** Sums the comparison, classifies its components and returns the result. */
    public ParityResult execute() {
        Dataset<Row> compared = inputs.comparison().rows();
        SparkSession spark = compared.sparkSession();
        String id = inputs.executionId();
        // The diff tables read the signal comparison (cached by its owner). Every figure and
        // summary table reads its profile, which one pass sums: few rows, in memory, dropped by
        // ParityResult.release(). A cached plan keeps its partitions (adaptive execution does
        // not coalesce them), and the five reads of a 200-partition profile each ran 200 tasks
        // over a megabyte: one partition per core.
        Dataset<Row> profile = SignalProfile.of(compared).coalesce(spark.sparkContext().defaultParallelism())
                .persist(StorageLevel.MEMORY_AND_DISK());
        SignalTally tally = SignalTally.of(profile);
        ParityGraph graph = ParityGraph.of(tally.cells());
        Map<String, IncidentView> baseline =
                IncidentView.collect(inputs.baseline().incidents(), graph.baselineSizes().keySet(), "baseline");
        Map<String, IncidentView> replay =
                IncidentView.collect(inputs.replayIncidents(), graph.replaySizes().keySet(), "replay");
        List<IncidentDiff> diffs = graph.components().stream()
                .map(c -> new IncidentDiff(c, AttributeChanges.of(c, baseline, replay)))
                .toList();
        ParityReport report = report(tally, graph, baseline, replay);
        Dataset<Row> baselineMap = componentMap(spark, graph, Component::baselineIds, graph.baselineSizes());
        Dataset<Row> replayMap = componentMap(spark, graph, Component::replayIds, graph.replaySizes());
        Dataset<Row> classifiedProfile = SignalComparison.withComponents(profile, baselineMap, replayMap);
        Dataset<Row> classified = diffSource(inputs.comparison().withReasons(
                SignalComparison.withComponents(compared, baselineMap, replayMap)), tally.selected());
        return new ParityResult(report, diffs,
                spark.createDataFrame(List.of(report.toRow()), Table.PARITY_REPORT.schema()),
                spark.createDataFrame(diffs.stream().map(d -> d.toRow(id)).toList(), Table.INCIDENT_DIFFS.schema()),
                SignalDiffs.fingerprints(classified, id),
                SignalDiffs.suppressions(classified, id),
                SignalDiffs.correlations(classified, id),
                RuleImpact.of(classifiedProfile, inputs.suppressionRules(), id),
                BlastRadius.of(classifiedProfile, id),
                SignalProfile.baselineMembers(profile),
                List.of(profile));
    }

    /**
     * The classified comparison as the signal diff tables read it. It has a partition per
     * 50,000 signals; written as they are, a 10M replay gave 200 small files per diff table and
     * slow commits. A file per million selected signals (at least one per core) is enough.
     */
    private static Dataset<Row> diffSource(Dataset<Row> classified, long selected) {
        int files = (int) Math.max(classified.sparkSession().sparkContext().defaultParallelism(),
                Math.ceil(selected / (double) SIGNALS_PER_DIFF_FILE));
        return classified.coalesce(files);
    }

    private ParityReport report(SignalTally tally, ParityGraph graph,
            Map<String, IncidentView> baseline, Map<String, IncidentView> replay) {
        List<Component> components = graph.components();
        Map<ComponentClass, Long> counts = components.stream().collect(groupingBy(Component::cls, counting()));
        long baselineIncidents = graph.baselineSizes().size();
        double parity = baselineIncidents == 0 ? 1.0
                : (double) counts.getOrDefault(ComponentClass.EXACT, 0L) / baselineIncidents;
        BCubed bcubed = BCubed.of(tally.cells(), graph.baselineSizes(), graph.replaySizes());
        ParityInputs.Baseline side = inputs.baseline();
        long missingCritical = criticals(components, baseline, c -> c.cls() == ComponentClass.MISSING);
        long downgraded = criticals(components, baseline, c -> !c.replayIds().isEmpty()
                && AttributeChanges.highest(AttributeChanges.views(c.replayIds(), replay)) != Severity.CRITICAL);
        long newIncidents = counts.getOrDefault(ComponentClass.NEW, 0L);
        Confidence confidence = Confidence.assess(new Confidence.Evidence(inputs.inputRows(), tally.selected(),
                ParityReport.total(inputs.quarantinedByReason()),
                tally.unknownSeverity(), side.conflicts(), side.hasFingerprints(), side.hasSuppression(),
                baselineIncidents));
        Map<String, Double> actuals = new LinkedHashMap<>();
        actuals.put("min_incident_parity", parity);
        actuals.put("min_bcubed_f1", bcubed.f1());
        actuals.put("max_missing_critical", (double) missingCritical);
        actuals.put("max_new_incidents", (double) newIncidents);
        actuals.put("max_newly_suppressed", (double) tally.newlySuppressed());
        return new ParityReport(inputs.executionId(), inputs.scope(), baselineIncidents, graph.replaySizes().size(),
                counts, parity, bcubed,
                side.hasFingerprints() ? agreement(tally.fingerprintDiffs(), tally.selected()) : null,
                side.hasSuppression() ? agreement(tally.suppressionDiffs(), tally.selected()) : null,
                missingCritical, downgraded, inputs.quarantinedByReason(), tally.unknownSeverity(), side.conflicts(),
                tally.selected(), tally.compared(), newIncidents, tally.newlySuppressed(), confidence,
                GateResult.evaluate(inputs.gates(), actuals, tally.selected() == 0));
    }

    /** Share of selected signals without a difference; 1.0 when nothing was selected. */
    private static double agreement(long differing, long selected) {
        return selected == 0 ? 1.0 : (double) (selected - differing) / selected;
    }

    /** Critical baseline incidents in the components {@code which} accepts. */
    private static long criticals(List<Component> components, Map<String, IncidentView> baseline,
            Predicate<Component> which) {
        return components.stream().filter(which)
                .flatMap(c -> AttributeChanges.views(c.baselineIds(), baseline).stream())
                .filter(v -> v.severity() == Severity.CRITICAL)
                .count();
    }

    /** One side's incident id to component (broadcast into the signal comparison). */
    private static Dataset<Row> componentMap(SparkSession spark, ParityGraph graph,
            Function<Component, List<String>> ids, Map<String, Long> sizes) {
        List<Row> rows = new ArrayList<>();
        for (Component c : graph.components()) {
            ids.apply(c).forEach(id -> rows.add(RowFactory.create(id, c.id(), c.cls().name(), sizes.get(id))));
        }
        return spark.createDataFrame(rows, COMPONENT_MAP);
    }
}
