package io.traceflux.governance;

import java.util.List;
import java.util.Map;

/**
 * The headline of an execution's {@code parity_report} row and its gates, as governance and
 * the run history show them.
 */
public record ParityHeadline(String executionId, Long baselineIncidents, Long replayIncidents,
        Map<String, Long> classes, Double incidentParity, Double bcubedF1, String confidence, List<Gate> gates,
        Boolean gatesPassed) {

    /** The parity_report columns read. */
    static final List<String> COLUMNS = List.of("execution_id", "baseline_incidents", "replay_incidents", "exact",
            "changed", "split", "merged", "missing", "new", "reshaped", "incident_parity", "bcubed_f1",
            "confidence", "gates", "gates_passed");

    private static final List<String> CLASSES = List.of("exact", "changed", "split", "merged", "missing", "new",
            "reshaped");

    /** One gate: the threshold, the actual figure and whether it passed. */
    public record Gate(String name, Double threshold, Double actual, Boolean passed) {
    }

    /** Every gate passed (true when there is none), as recorded. */
    public boolean passed() {
        return Boolean.TRUE.equals(gatesPassed);
    }

    /** The gates that did not pass. */
    public List<Gate> failedGates() {
        return gates.stream().filter(g -> !Boolean.TRUE.equals(g.passed())).toList();
    }

    /** e.g. {@code parity 0.3846 EXACT 5 CHANGED 4 ...}. */
    public String text() {
        StringBuilder s = new StringBuilder();
        s.append(baselineIncidents).append(" baseline vs ").append(replayIncidents).append(" replay incidents:");
        classes.forEach((name, n) -> s.append(' ').append(name.toUpperCase(java.util.Locale.ROOT)).append(' ').append(n));
        s.append(String.format(java.util.Locale.ROOT, "; incident_parity %.4f", incidentParity == null ? Double.NaN : incidentParity));
        if (bcubedF1 != null) {
            s.append(String.format(java.util.Locale.ROOT, " B-cubed F1 %.4f", bcubedF1));
        }
        if (confidence != null) {
            s.append("; confidence ").append(confidence);
        }
        return s.toString();
    }

    /** e.g. {@code max_new_incidents actual 3 > 0, min_bcubed_f1 actual 0.41 < 0.9}. */
    public String failuresText() {
        List<Gate> failed = failedGates();
        if (failed.isEmpty()) {
            return passed() ? "none failed" : "gates_passed is false";
        }
        return String.join(", ", failed.stream().map(g -> g.name() + " actual " + figure(g.actual())
                + (g.name().startsWith("min_") ? " < " : " > ") + figure(g.threshold())).toList());
    }

    private static String figure(Double d) {
        if (d == null) {
            return "null";
        }
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf(d.longValue())
                : String.format(java.util.Locale.ROOT, "%.4f", d);
    }

    /** e.g. {@code 3/3 passed} or {@code FAILED max_new_incidents}. */
    public String gatesText() {
        if (gates.isEmpty()) {
            return "none";
        }
        List<Gate> failed = failedGates();
        return failed.isEmpty() ? gates.size() + "/" + gates.size() + " passed"
                : "FAILED " + String.join(",", failed.stream().map(Gate::name).toList());
    }

    @SuppressWarnings("unchecked")
    static ParityHeadline of(Map<String, Object> row) {
        Map<String, Long> classes = new java.util.LinkedHashMap<>();
        for (String c : CLASSES) {
            Object n = row.get(c);
            classes.put(c, n == null ? 0L : ((Number) n).longValue());
        }
        List<Gate> gates = new java.util.ArrayList<>();
        Object list = row.get("gates");
        if (list instanceof List<?> l) {
            for (Object g : l) {
                Map<String, Object> m = (Map<String, Object>) g;
                gates.add(new Gate((String) m.get("name"), number(m.get("threshold")), number(m.get("actual")),
                        (Boolean) m.get("passed")));
            }
        }
        return new ParityHeadline((String) row.get("execution_id"), longValue(row.get("baseline_incidents")),
                longValue(row.get("replay_incidents")), classes, number(row.get("incident_parity")),
                number(row.get("bcubed_f1")), (String) row.get("confidence"), List.copyOf(gates),
                (Boolean) row.get("gates_passed"));
    }

    private static Double number(Object v) {
        return v == null ? null : ((Number) v).doubleValue();
    }

    private static Long longValue(Object v) {
        return v == null ? null : ((Number) v).longValue();
    }
}
