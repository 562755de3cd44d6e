package io.traceflux.execution;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.traceflux.InvalidInputException;
import io.traceflux.warehouse.Table;
import io.traceflux.warehouse.Warehouse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What the warehouse already holds of an execution id: the row of its last attempt, if any.
 * A re-run is a new attempt of the same execution; the earlier ones stay in its history, an
 * interrupted one (status {@code running}, its driver gone) as {@code interrupted}, and it
 * reads the inputs at the versions they were pinned to.
 *
 * @param last the executions row of the last attempt, empty for a new execution id
 */
record Attempts(Optional<Row> last) {

    /** The executions row of {@code executionId} under {@code warehouse}, if there is one. */
    static Attempts of(SparkSession spark, Warehouse warehouse, String executionId) {
        String path = warehouse.tablePath(Table.EXECUTIONS);
        if (!DeltaTable.isDeltaTable(spark, path)) {
            return new Attempts(Optional.empty());
        }
        List<Row> rows = spark.read().format("delta").load(path)
                .filter(col(Table.EXECUTION_ID).equalTo(executionId)).limit(1).collectAsList();
        return new Attempts(rows.stream().findFirst());
    }

    boolean isRerun() {
        return last.isPresent();
    }

    /**
     * Refuses to start while the last attempt is still running in a live process on this host:
     * two attempts of one execution would write over each other.
     */
    void refuseIfRunning(String executionId) {
        last.filter(r -> "running".equals(text(r, "status")))
                .flatMap(Attempts::driver)
                .filter(DriverProcess::isAliveHere)
                .ifPresent(d -> {
                    throw new InvalidInputException("execution " + executionId + " is still running (process "
                            + d.pid() + " on " + d.host() + "); wait for it or use another --execution-id");
                });
    }

    /** The next attempt's number and history, driven by this process. */
    ExecutionRecord.Attempt next() {
        if (last.isEmpty()) {
            return new ExecutionRecord.Attempt(1, List.of(), DriverProcess.current());
        }
        Row row = last.get();
        List<ExecutionRecord.PastAttempt> history = new ArrayList<>(pastAttempts(row));
        Number number = (Number) value(row, "attempt");
        int previous = number == null ? 1 : number.intValue();
        history.add(new ExecutionRecord.PastAttempt(previous, outcome(row), instant(value(row, "started_at")),
                instant(value(row, "finished_at")), text(row, "error")));
        return new ExecutionRecord.Attempt(previous + 1, history, DriverProcess.current());
    }

    /**
     * The Delta version the last attempt recorded in {@code column} (e.g. capture_version), if
     * it read the same capture: a re-run of an execution reads what the execution read.
     */
    Optional<Long> recordedVersion(String column, String capturePath) {
        return last.filter(r -> capturePath.equals(text(r, "capture_path")))
                .map(r -> (Number) value(r, column)).map(Number::longValue);
    }

    /** The last attempt's status; a running one whose driver is gone was interrupted. */
    private static String outcome(Row row) {
        String status = text(row, "status");
        if (!"running".equals(status)) {
            return status;
        }
        return driver(row).filter(d -> !d.isAliveHere()).map(d -> d.isGone() ? "interrupted" : "abandoned")
                .orElse("abandoned");
    }

    private static Optional<DriverProcess> driver(Row row) {
        String host = text(row, "driver_host");
        Number pid = (Number) value(row, "driver_pid");
        if (host == null || pid == null) {
            return Optional.empty();
        }
        return Optional.of(new DriverProcess(host, pid.longValue(), instant(value(row, "driver_started_at"))));
    }

    private static List<ExecutionRecord.PastAttempt> pastAttempts(Row row) {
        if (value(row, "previous_attempts") == null) {
            return List.of();
        }
        List<ExecutionRecord.PastAttempt> past = new ArrayList<>();
        for (Row a : row.<Row>getList(row.fieldIndex("previous_attempts"))) {
            past.add(new ExecutionRecord.PastAttempt(a.<Integer>getAs("attempt"), a.getAs("status"),
                    instant(a.getAs("started_at")), instant(a.getAs("finished_at")), a.getAs("error")));
        }
        return past;
    }

    /** A column's value, null when the row (an older table) lacks the column. */
    private static Object value(Row row, String column) {
        boolean present = Arrays.asList(row.schema().fieldNames()).contains(column);
        return present ? row.get(row.fieldIndex(column)) : null;
    }

    private static String text(Row row, String column) {
        Object v = value(row, column);
        return v == null ? null : v.toString();
    }

    private static Instant instant(Object value) {
        return value == null ? null : ((Timestamp) value).toInstant();
    }
}
