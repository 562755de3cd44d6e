package io.traceflux.capture;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.traceflux.InvalidInputException;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Picks the signals a replay processes (SPEC 2.1, 2.3): accepted rows inside the optional
 * sub-window {@code [start, end)} and in scope. Rows outside the sub-window or the scope are not
 * bad, only not selected; {@link #counts} tells how many there were. A row outside both is
 * counted as outside the sub-window.
 */
public final class Selection {

    static final String OUT_OF_WINDOW = "out_of_window";
    static final String OUT_OF_SCOPE = "out_of_scope";
    static final String SELECTED = "selected";

    private final TimeRange subWindow;
    private final Scope scope;

    /**
     * @param subWindow {@code --window-start/--window-end}; null bounds leave that side open
     * @param scope     {@link Scope#all()} for no scope
     */
    public Selection(TimeRange subWindow, Scope scope) {
        if (subWindow.isEmpty()) {
            throw new InvalidInputException("the replay window " + subWindow
                    + " is empty: --window-start must be before --window-end");
        }
        this.subWindow = subWindow;
        this.scope = scope;
    }

    /** The selected rows of a {@link Quarantine} result, without its classification columns. */
    public Dataset<Row> apply(Dataset<Row> classified) {
        return classified.filter(outcome().equalTo(SELECTED))
                .drop(Quarantine.REASON, Quarantine.RAW);
    }

    /** Counts every row of a {@link Quarantine} result by outcome, in one aggregation. */
    public SelectionCounts counts(Dataset<Row> classified) {
        Map<String, Long> byOutcome = new HashMap<>();
        for (Row row : classified.groupBy(outcome().as("outcome")).count().collectAsList()) {
            byOutcome.put(row.getString(0), row.getLong(1));
        }
        long input = byOutcome.values().stream().mapToLong(Long::longValue).sum();
        Long outOfWindow = byOutcome.remove(OUT_OF_WINDOW);
        Long outOfScope = byOutcome.remove(OUT_OF_SCOPE);
        Long selected = byOutcome.remove(SELECTED);
        return new SelectionCounts(input, byOutcome, orZero(outOfWindow), orZero(outOfScope),
                orZero(selected));
    }

    /** The quarantine reason, else out_of_window, out_of_scope or selected. */
    Column outcome() {
        return when(col(Quarantine.REASON).isNotNull(), col(Quarantine.REASON))
                .when(not(subWindow.contains(col("ts"))), lit(OUT_OF_WINDOW))
                .when(not(scope.condition()), lit(OUT_OF_SCOPE))
                .otherwise(lit(SELECTED));
    }

    private static long orZero(Long count) {
        return count == null ? 0 : count;
    }
}
