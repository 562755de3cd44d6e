package io.traceflux.testdata;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One golden window before it is written: its signals (the capture columns of
 * {@link SignalColumns#CAPTURE_COLUMNS}), production's incidents as membership rows
 * ({@code signal_id, incident_key, title}: one incident per distinct key) and the rest of
 * capture.json (attribution, ground truth) beyond id and window, and the paging rules production ran
 * (its actions in baseline/actions/ are derived from them).
 */
record GoldenWindow(String name, CaptureWindow window, String scope, Dataset<Row> signals, Dataset<Row> members,
        Map<String, Object> details, ProductionAutomation automation) {
}
