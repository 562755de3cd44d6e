package io.traceflux.regress;

import io.traceflux.execution.ExecutionRecord;
import io.traceflux.execution.ReplayResult;
import io.traceflux.parity.ComponentClass;
import io.traceflux.parity.ParityReport;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A figure of a replay that a suite may pin (SPEC 7.2): a row count of {@code executions} or a
 * figure of {@code parity_report}, under the column name it has there. Parity figures are
 * absent (null) when the replay had no baseline.
 */
public enum Figure {
    INPUT_ROWS(Kind.COUNT, counts(ExecutionRecord.Counts::inputRows)),
    SELECTED_ROWS(Kind.COUNT, counts(ExecutionRecord.Counts::selectedRows)),
    QUARANTINED_ROWS(Kind.COUNT, counts(ExecutionRecord.Counts::quarantinedRows)),
    OUT_OF_WINDOW_ROWS(Kind.COUNT, counts(ExecutionRecord.Counts::outOfWindowRows)),
    OUT_OF_SCOPE_ROWS(Kind.COUNT, counts(ExecutionRecord.Counts::outOfScopeRows)),
    SUPPRESSED_ROWS(Kind.COUNT, counts(ExecutionRecord.Counts::suppressedRows)),
    DUPLICATE_ROWS(Kind.COUNT, counts(ExecutionRecord.Counts::duplicateRows)),
    INCIDENTS(Kind.COUNT, counts(ExecutionRecord.Counts::incidents)),
    BASELINE_INCIDENTS(Kind.COUNT, parity(ParityReport::baselineIncidents)),
    REPLAY_INCIDENTS(Kind.COUNT, parity(ParityReport::replayIncidents)),
    EXACT(Kind.COUNT, parity(p -> p.count(ComponentClass.EXACT))),
    CHANGED(Kind.COUNT, parity(p -> p.count(ComponentClass.CHANGED))),
    SPLIT(Kind.COUNT, parity(p -> p.count(ComponentClass.SPLIT))),
    MERGED(Kind.COUNT, parity(p -> p.count(ComponentClass.MERGED))),
    MISSING(Kind.COUNT, parity(p -> p.count(ComponentClass.MISSING))),
    NEW(Kind.COUNT, parity(p -> p.count(ComponentClass.NEW))),
    RESHAPED(Kind.COUNT, parity(p -> p.count(ComponentClass.RESHAPED))),
    MISSING_CRITICAL(Kind.COUNT, parity(ParityReport::missingCritical)),
    UNKNOWN_SEVERITY(Kind.COUNT, parity(ParityReport::unknownSeverity)),
    INCIDENT_PARITY(Kind.RATE, parity(ParityReport::incidentParity)),
    BCUBED_PRECISION(Kind.RATE, parity(p -> p.bcubed().precision())),
    BCUBED_RECALL(Kind.RATE, parity(p -> p.bcubed().recall())),
    BCUBED_F1(Kind.RATE, parity(p -> p.bcubed().f1())),
    FINGERPRINT_AGREEMENT(Kind.RATE, parity(ParityReport::fingerprintAgreement)),
    SUPPRESSION_AGREEMENT(Kind.RATE, parity(ParityReport::suppressionAgreement)),
    PAGES_ADDED(Kind.COUNT, parity(p -> p.actions().pagesAdded())),
    PAGES_REMOVED(Kind.COUNT, parity(p -> p.actions().pagesRemoved())),
    MAX_PAGE_DELAY(Kind.SECONDS, parity(p -> p.actions().maxPageDelay())),
    CONFIDENCE(Kind.LEVEL, parity(p -> p.confidence().level())),
    GATES_PASSED(Kind.FLAG, parity(ParityReport::gatesPassed));

    /** Rates may differ by this much (floating-point sums in another order) and still be equal. */
    public static final double RATE_TOLERANCE = 1e-9;
    /** Durations are kept to the microsecond, the resolution of signal times. */
    public static final double SECONDS_TOLERANCE = 1e-6;

    /** What values a figure takes, and so how a pinned value is read and compared. */
    public enum Kind {
        /** A whole number of at least 0. */
        COUNT,
        /** A number from 0 to 1. */
        RATE,
        /** A duration in seconds, at least 0. */
        SECONDS,
        /** true or false. */
        FLAG,
        /** high, medium or low. */
        LEVEL
    }

    private final Kind kind;
    private final Function<ReplayResult, Object> read;

    Figure(Kind kind, Function<ReplayResult, Object> read) {
        this.kind = kind;
        this.read = read;
    }

    public Kind kind() {
        return kind;
    }

    /** The name in suites and in the tables: {@code input_rows}, {@code incident_parity} ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether a suite may pin null: the report has none when the baseline has no fingerprints
     * or suppression decisions to agree with, or when no actions were compared.
     */
    public boolean nullable() {
        return this == FINGERPRINT_AGREEMENT || this == SUPPRESSION_AGREEMENT || this == PAGES_ADDED
                || this == PAGES_REMOVED || this == MAX_PAGE_DELAY;
    }

    /** Whether the figure comes from the parity report, and so needs a baseline. */
    public boolean needsBaseline() {
        return ordinal() >= BASELINE_INCIDENTS.ordinal();
    }

    /** The figure named {@code key}, if there is one. */
    public static Optional<Figure> of(String key) {
        return Arrays.stream(values()).filter(f -> f.key().equals(key)).findFirst();
    }

    /** Every figure's name, for messages. */
    public static String keys() {
        return String.join(", ", Arrays.stream(values()).map(Figure::key).toList());
    }

    /** This figure of a replay: a Long, Double, Boolean or String; null when absent. */
    public Object of(ReplayResult result) {
        return read.apply(result);
    }

    /**
     * Whether {@code actual} keeps the pinned {@code expected} (rates within {@link #RATE_TOLERANCE},
     * durations within {@link #SECONDS_TOLERANCE}).
     */
    public boolean keeps(Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (kind == Kind.RATE || kind == Kind.SECONDS) {
            double tolerance = kind == Kind.RATE ? RATE_TOLERANCE : SECONDS_TOLERANCE;
            return Math.abs(((Number) expected).doubleValue() - ((Number) actual).doubleValue()) <= tolerance;
        }
        if (kind == Kind.COUNT) {
            return ((Number) expected).longValue() == ((Number) actual).longValue();
        }
        return expected.equals(actual);
    }

    private static Function<ReplayResult, Object> counts(Function<ExecutionRecord.Counts, Long> count) {
        return r -> count.apply(r.record().counts());
    }

    private static Function<ReplayResult, Object> parity(Function<ParityReport, Object> figure) {
        return r -> r.parity().map(figure).orElse(null);
    }
}
