package io.traceflux.governance;

import io.traceflux.execution.DriverProcess;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of {@code executions} as recorded (SPEC 5.1, 6.5), read without Spark: every column
 * in table order, with typed access to what governance decides on.
 */
public record ExecutionRow(Map<String, Object> columns) {

    /** Columns the listing shows and the governance checks read. */
    static final java.util.List<String> SUMMARY = java.util.List.of("execution_id", "status", "mode", "policy_id",
            "policy_version", "policy_sha256", "policy_path", "capture_id", "baseline", "scope", "triggered_by",
            "started_at", "finished_at", "selected_rows", "incidents", "pending_promotion", "unknown_severity",
            "attempt", "driver_host", "driver_pid", "driver_started_at");

    public ExecutionRow {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    public String id() {
        return text("execution_id");
    }

    public String status() {
        return text("status");
    }

    /**
     * The status as a reader should take it: {@code interrupted} for a {@code running} row whose
     * driver is known to be gone (same host, no such process), else the recorded status.
     */
    public String state() {
        if (!"running".equals(status()) || driverHost() == null || get("driver_pid") == null) {
            return status();
        }
        DriverProcess driver = new DriverProcess(driverHost(), ((Number) get("driver_pid")).longValue(),
                (Instant) get("driver_started_at"));
        return driver.isGone() ? "interrupted" : status();
    }

    /** Which attempt of the execution id the row is; 1 for rows written before attempts were counted. */
    public int attempt() {
        Object v = columns.get("attempt");
        return v == null ? 1 : ((Number) v).intValue();
    }

    private String driverHost() {
        return text("driver_host");
    }

    public String mode() {
        return text("mode");
    }

    public String policyId() {
        return text("policy_id");
    }

    public Integer policyVersion() {
        Object v = columns.get("policy_version");
        return v == null ? null : ((Number) v).intValue();
    }

    public String policySha256() {
        return text("policy_sha256");
    }

    public String policyPath() {
        return text("policy_path");
    }

    public String policyText() {
        return text("policy_text");
    }

    /** {@code id@vN}. */
    public String policyRef() {
        return policyId() + "@v" + policyVersion();
    }

    public String baseline() {
        return text("baseline");
    }

    public boolean hasBaseline() {
        return baseline() != null && !baseline().equals("none");
    }

    public String scope() {
        return text("scope");
    }

    public String triggeredBy() {
        return text("triggered_by");
    }

    public Instant startedAt() {
        return (Instant) columns.get("started_at");
    }

    public Instant finishedAt() {
        return (Instant) columns.get("finished_at");
    }

    /** The recorded flag (SPEC 6.5); null in rows written before the column existed. */
    public Boolean pendingPromotion() {
        return (Boolean) columns.get("pending_promotion");
    }

    public String text(String column) {
        Object v = columns.get(column);
        return v == null ? null : v.toString();
    }

    public Object get(String column) {
        return columns.get(column);
    }
}
