package io.traceflux.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;

/**
 * The execution's {@code parity_report} row (SPEC 4, 5.1), read by column name: the headline
 * figures, the gates and the confidence that the summary and the report show. {@link #json()}
 * is parity.json; the report's figures carry the same JSON values, so a reader can check one
 * against the other.
 */
final class ParityFigures {

    /** A headline figure: the report column, its label, its JSON value and how it reads. */
    record Figure(String key, String label, JsonNode value, String display) {
    }

    /** One gate: {@code passed} as the parity step decided it; {@code reason} when it failed regardless. */
    record Gate(String name, Double threshold, Double actual, Boolean passed, String reason) {

        /** "passed", "FAILED", or "FAILED: reason". */
        String result() {
            if (passed == null) {
                return Formats.NONE;
            }
            return passed ? "passed" : reason == null ? "FAILED" : "FAILED: " + reason;
        }
    }

    /** Headline columns in reading order, with labels. */
    private static final List<String[]> HEADLINE = List.of(
            new String[] {"incident_parity", "Incident parity"},
            new String[] {"baseline_incidents", "Baseline incidents"},
            new String[] {"replay_incidents", "Replay incidents"},
            new String[] {"exact", "EXACT"},
            new String[] {"changed", "CHANGED"},
            new String[] {"split", "SPLIT"},
            new String[] {"merged", "MERGED"},
            new String[] {"reshaped", "RESHAPED"},
            new String[] {"missing", "MISSING"},
            new String[] {"new", "NEW"},
            new String[] {"bcubed_precision", "B-cubed precision"},
            new String[] {"bcubed_recall", "B-cubed recall"},
            new String[] {"bcubed_f1", "B-cubed F1"},
            new String[] {"fingerprint_agreement", "Fingerprint agreement"},
            new String[] {"suppression_agreement", "Suppression agreement"},
            new String[] {"missing_critical", "Critical incidents missing"},
            new String[] {"quarantined", "Quarantined rows"},
            new String[] {"unknown_severity", "Unknown severity"},
            new String[] {"baseline_conflicts", "Baseline conflicts"});

    private static final Set<String> RATIOS = Set.of("incident_parity", "bcubed_precision", "bcubed_recall",
            "bcubed_f1", "fingerprint_agreement", "suppression_agreement");

    private final Row row;
    private final ObjectNode json;

    ParityFigures(Row row) {
        this.row = row;
        this.json = RowJson.of(row);
    }

    /** parity.json: the whole row, gates included. */
    ObjectNode json() {
        return json;
    }

    /** The headline figures the row has, in reading order. */
    List<Figure> headline() {
        List<Figure> figures = new ArrayList<>();
        for (String[] h : HEADLINE) {
            if (json.has(h[0])) {
                figures.add(new Figure(h[0], h[1], json.get(h[0]), display(h[0])));
            }
        }
        return figures;
    }

    Long count(String column) {
        return RowValues.longValue(row, column);
    }

    Double ratio(String column) {
        return RowValues.doubleValue(row, column);
    }

    List<Gate> gates() {
        List<Gate> gates = new ArrayList<>();
        for (Object o : RowValues.list(row, "gates")) {
            Row g = (Row) o;
            gates.add(new Gate(RowValues.string(g, "name"), RowValues.doubleValue(g, "threshold"),
                    RowValues.doubleValue(g, "actual"), RowValues.bool(g, "passed"), RowValues.string(g, "reason")));
        }
        return gates;
    }

    /** Whether every gate passed, as recorded; null when the row does not say. */
    Boolean gatesPassed() {
        return RowValues.bool(row, "gates_passed");
    }

    String confidence() {
        return RowValues.string(row, "confidence");
    }

    List<String> confidenceReasons() {
        return RowValues.strings(row, "confidence_reasons");
    }

    Map<String, Object> quarantinedByReason() {
        return RowValues.map(row, "quarantined_by_reason");
    }

    private String display(String key) {
        return RATIOS.contains(key) ? Formats.ratio(ratio(key)) : Formats.count(count(key));
    }
}
