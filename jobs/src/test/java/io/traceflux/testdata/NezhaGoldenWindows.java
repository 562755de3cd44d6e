package io.traceflux.testdata;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.upper;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Golden windows around one injected Nezha fault: the metric threshold alerts of every pod (and
 * the entry service's SLO) in the window, plus the log lines of the window's minute files when
 * Nezha has them. Production's baseline is one incident: the faulty service's signals from the
 * injection on, info lines excepted (the fault list is the ground truth of what happened).
 */
final class NezhaGoldenWindows {

    /**
     * @param logMinutes  log minute files ({@code HH_MM}) whose lines become signals (may be empty)
     * @param nodeMinutes log minute files that tell which node each pod ran on (for region/POP)
     */
    record Spec(String name, NezhaSystem system, String day, CaptureWindow window, List<String> logMinutes,
            List<String> nodeMinutes) {
    }

    private NezhaGoldenWindows() {
    }

    static GoldenWindow build(SparkSession spark, Path nezha, Spec spec) throws IOException {
        Path day = nezha.resolve("rca_data").resolve(spec.day());
        List<NezhaFault> faults = NezhaFault.near(day.resolve(spec.day() + "-fault_list.json"), spec.window(),
                Duration.ZERO);
        if (faults.size() != 1) {
            throw new IllegalStateException(spec.name() + ": expected one fault in the window, found " + faults);
        }
        NezhaFault fault = faults.get(0);
        Dataset<Row> podNodes = NezhaLogSignals.podNodes(NezhaLogSignals.lines(spark, day, spec.nodeMinutes()));
        Dataset<Row> signals = NezhaMetricSignals.podAlerts(spark, spec.system(), day, spec.window(), podNodes)
                .unionByName(NezhaMetricSignals.frontendAlerts(spark, spec.system(), day, spec.window()));
        if (!spec.logMinutes().isEmpty()) {
            signals = signals.unionByName(logSignals(spark, spec, day));
        }
        signals = signals.filter(spec.window().contains("ts")).cache();
        return new GoldenWindow(spec.name(), spec.window(), "namespace=" + spec.system().namespace(), signals,
                faultIncident(signals, fault), details(spec, fault), automation(spec.system()));
    }

    /** Each system's production automation: the rules its policy (tt-checkout, nezha-ob) writes down. */
    private static ProductionAutomation automation(NezhaSystem system) {
        return system.equals(NezhaSystem.TRAIN_TICKET)
                ? ProductionAutomation.TRAIN_TICKET
                : ProductionAutomation.ONLINE_BOUTIQUE;
    }

    private static Dataset<Row> logSignals(SparkSession spark, Spec spec, Path day) {
        Dataset<Row> lines = NezhaLogSignals.lines(spark, day, spec.logMinutes());
        return spec.system().equals(NezhaSystem.TRAIN_TICKET)
                ? NezhaLogSignals.signals(lines)
                : NezhaBoutiqueLogSignals.signals(lines);
    }

    /** The faulty service's non-info signals from the injection on, as one incident. */
    private static Dataset<Row> faultIncident(Dataset<Row> signals, NezhaFault fault) {
        Column info = upper(col("severity")).isin("INFO").or(col("severity").isNull());
        return signals
                .filter(col("service").equalTo(fault.service())
                        .and(col("ts").geq(lit(Timestamp.from(fault.injectTime()))))
                        .and(not(info)))
                .select(col("signal_id"), lit("fault").as("incident_key"),
                        lit(fault.service() + ": " + fault.type() + " fault").as("title"));
    }

    private static Map<String, Object> details(Spec spec, NezhaFault fault) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("source", "Nezha " + spec.system().namespace() + " fault-injection data, " + spec.day()
                + (spec.logMinutes().isEmpty() ? ": per-pod metrics" : ": log windows " + spec.logMinutes()
                + " and per-pod metrics") + "; derived by test-data/golden/generate.sh");
        doc.put("description", "The " + fault.type() + " fault injected into " + fault.pod() + " at "
                + fault.injectTime() + "; production's incident in baseline/. See test-data/golden/README.md.");
        doc.put("attribution", GoldenAttribution.NEZHA);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("inject_time", fault.injectTime().toString());
        f.put("inject_pod", fault.pod());
        f.put("service", fault.service());
        f.put("inject_type", fault.type());
        doc.put("ground_truth_faults", List.of(f));
        return doc;
    }
}
