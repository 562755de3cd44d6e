package io.traceflux.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.unix_micros;

import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * Column names the pipeline steps agree on, and the few expressions they share.
 *
 * <p>Ordering "by (ts, signal_id)" (SPEC 3.2) is the struct {@code (ts_us, signal_id)}: Spark
 * compares structs field by field and strings in UTF-8 byte order, which is what the spec asks.
 */
public final class Columns {
    public static final String SIGNAL_ID = "signal_id";
    public static final String TS = "ts";
    public static final String SEVERITY = "severity";
    public static final String RAW_SEVERITY = "raw_severity";
    public static final String SEVERITY_RANK = "severity_rank";
    public static final String FINGERPRINT = "fingerprint";
    public static final String SUPPRESSED_BY = "suppressed_by";
    public static final String DUPLICATE_OF = "duplicate_of";
    /** The representative of the signal's dedup episode (itself for a representative). */
    public static final String REPRESENTATIVE = "_representative";
    /**
     * The signal's representative as struct(us, id, group): its ts in microseconds, its id and
     * its group_by values (array of text), as {@link Deduplicate} hands them to {@link Correlate}.
     */
    public static final String REP = "_rep";
    /** {@link #tsMicros()} stored as a column, for window specs (see {@link Deduplicate}). */
    public static final String US = "_us";
    public static final String INCIDENT_ID = "incident_id";
    public static final String GROUP_KEY = "group_key";
    /** Signals in the correlation piece of the signal's representative, duplicates counted. */
    public static final String PIECE_SIZE = "_piece_size";
    public static final String FIRST_SIGNAL_ID = "first_signal_id";
    public static final String DECISION = "decision";
    public static final String REASON = "reason";

    private Columns() {
    }

    /** The columns of these names, in order, for a select. */
    public static Column[] named(List<String> names) {
        return names.stream().map(n -> col(n)).toArray(Column[]::new);
    }

    /** Event time in whole microseconds since the epoch: every time comparison uses it. */
    public static Column tsMicros() {
        return unix_micros(col(TS));
    }

    /** The (ts, signal_id) ordering key as one comparable value. */
    public static Column orderKey() {
        return struct(tsMicros().as("us"), col(SIGNAL_ID).as("id"));
    }

    /** A policy duration in whole microseconds, the unit every time comparison uses. */
    static long micros(Duration duration) {
        return duration.toNanos() / 1_000;
    }

    /** floor(micros / width) in exact integer arithmetic, also for times before 1970. */
    public static Column bucket(Column micros, long width) {
        return micros.minus(pmod(micros, lit(width))).divide(width).cast("long");
    }
}
