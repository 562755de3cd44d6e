package io.traceflux.testdata;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Derives the sample capture {@code nezha-tt-2023-01-29} (SPEC 2.1) from Nezha's Train-Ticket
 * data: signals from the 08:43-08:45 log windows and the per-pod metrics, production's baseline
 * from the fault list, and production's actions from its paging rules ({@link ProductionAutomation}). Deterministic: the same input gives byte-identical files.
 *
 * <pre>NezhaSampleGenerator &lt;realdata folder&gt; &lt;capture folder&gt;</pre>
 *
 * Run it through {@code test-data/generate.sh}; test-data/README.md documents every derivation.
 */
public final class NezhaSampleGenerator {

    static final String CAPTURE_ID = "nezha-tt-2023-01-29";
    static final String DAY = "2023-01-29";
    static final CaptureWindow WINDOW =
            new CaptureWindow(Instant.parse("2023-01-29T08:42:00Z"), Instant.parse("2023-01-29T08:46:00Z"));
    /** A fault injected this long before the window still shapes the incidents in it. */
    static final Duration FAULT_LEAD = Duration.ofMinutes(5);
    static final List<String> MINUTE_FILES = List.of("08_43", "08_44", "08_45");
    static final NezhaSystem SYSTEM = NezhaSystem.TRAIN_TICKET;
    static final String NEZHA_COMMIT = "d8140101fdb4e7dfb60d3ef9f64706f382b68470";

    private final SparkSession spark;
    private final Path nezha;
    private final Path out;

    private NezhaSampleGenerator(SparkSession spark, Path nezha, Path out) {
        this.spark = spark;
        this.nezha = nezha;
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: NezhaSampleGenerator <realdata folder> <capture folder>");
            System.exit(2);
        }
        long started = System.nanoTime();
        SparkSession spark = GeneratorSession.start("nezha-sample");
        try {
            new NezhaSampleGenerator(spark, Path.of(args[0]).resolve("nezha"), Path.of(args[1])).run();
        } finally {
            spark.stop();
        }
        System.out.printf("generated %s in %.1f s%n", args[1], (System.nanoTime() - started) / 1e9);
    }

    private void run() throws IOException {
        Path day = nezha.resolve("rca_data").resolve(DAY);
        List<NezhaFault> faults = NezhaFault.near(day.resolve(DAY + "-fault_list.json"), WINDOW, FAULT_LEAD);
        Dataset<Row> truth = truth(day).cache();
        Dataset<Row> decisions = ProductionDecisions.of(truth).cache();
        Dataset<Row> signals = SignalColumns.selectWithBaseline(
                CaptureDefects.apply(truth).join(decisions, new String[] {"signal_id"}, "left"));
        Files.createDirectories(out);
        SampleFiles.writeParquet(signals, out.resolve("signals"),
                col("ts").asc_nulls_first(), col("signal_id"), col("labels").getItem("nezha_file"));
        Dataset<Row> seen = truthById(truth, decisions).cache();
        ProductionIncidents.Baseline baseline = ProductionIncidents.of(spark, seen, faults);
        SampleFiles.writeParquet(baseline.incidents(), out.resolve("baseline/incidents"), col("incident_id"));
        SampleFiles.writeParquet(baseline.membership(), out.resolve("baseline/membership"),
                col("incident_id"), col("signal_id"));
        Dataset<Row> actions = ProductionAutomation.TRAIN_TICKET.actions(spark, baseline.incidents(),
                baseline.membership(), seen);
        SampleFiles.writeParquet(actions, out.resolve("baseline/actions"),
                col("fired_at"), col("incident_id"), col("action_id"));
        SampleFiles.writeJson(captureJson(faults), out.resolve("capture.json"));
        Files.copy(nezha.resolve("LICENSE"), out.resolve("LICENSE-nezha"), StandardCopyOption.REPLACE_EXISTING);
        summarize(spark.read().parquet(out.resolve("signals").toString()), baseline, actions);
    }

    /** Every signal as production received it, before the capture's injected defects. */
    private Dataset<Row> truth(Path day) {
        Dataset<Row> lines = NezhaLogSignals.lines(spark, day, MINUTE_FILES).cache();
        return NezhaLogSignals.signals(lines)
                .unionByName(NezhaMetricSignals.podAlerts(spark, SYSTEM, day, WINDOW, NezhaLogSignals.podNodes(lines)))
                .unionByName(NezhaMetricSignals.frontendAlerts(spark, SYSTEM, day, WINDOW));
    }

    /** One row per signal_id (the re-sent duplicate is one signal to production). */
    private static Dataset<Row> truthById(Dataset<Row> truth, Dataset<Row> decisions) {
        return truth.select("signal_id", "ts", "service", "host", "severity").distinct()
                .join(decisions, new String[] {"signal_id"});
    }

    private Map<String, Object> captureJson(List<NezhaFault> faults) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("capture_id", CAPTURE_ID);
        doc.put("window_start", WINDOW.start().toString());
        doc.put("window_end", WINDOW.end().toString());
        doc.put("scope", "namespace=" + SYSTEM.namespace());
        doc.put("source", "Nezha Train-Ticket fault-injection data, " + DAY
                + ": log windows 08_43..08_45 and per-pod metrics; derived by test-data/generate.sh");
        doc.put("description", "Every Train-Ticket service during the 'return' fault injected into "
                + "ts-contacts-service at 08:43:04Z; production's incidents in baseline/. See test-data/README.md.");
        doc.put("attribution", attribution());
        doc.put("ground_truth_faults", faults.stream().map(NezhaSampleGenerator::faultJson).toList());
        return doc;
    }

    private static Map<String, Object> attribution() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("origin", "https://github.com/IntelligentDDS/Nezha");
        a.put("commit", NEZHA_COMMIT);
        a.put("paper", "Yu et al., Nezha: Interpretable Fine-Grained Root Causes Analysis for Microservices "
                + "on Multi-Modal Observability Data, FSE 2023");
        a.put("license", "MIT");
        a.put("copyright", "Copyright (c) 2023 IntelligentDDS");
        a.put("license_file", "LICENSE-nezha");
        return a;
    }

    private static Map<String, Object> faultJson(NezhaFault f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inject_time", f.injectTime().toString());
        m.put("inject_pod", f.pod());
        m.put("service", f.service());
        m.put("inject_type", f.type());
        return m;
    }

    private static void summarize(Dataset<Row> signals, ProductionIncidents.Baseline baseline, Dataset<Row> actions) {
        System.out.println("signals: " + signals.count());
        signals.groupBy("severity").count().orderBy("severity").show(false);
        signals.groupBy("service").count().orderBy("service").show(60, false);
        System.out.println("baseline incidents: " + baseline.incidents().count()
                + ", membership rows: " + baseline.membership().count() + ", actions: " + actions.count());
        actions.orderBy("fired_at", "incident_id", "action_id").show(false);
    }
}
