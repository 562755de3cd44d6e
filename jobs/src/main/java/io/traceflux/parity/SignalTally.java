package io.traceflux.parity;

import static io.traceflux.parity.SignalComparison.B_INCIDENT;
import static io.traceflux.parity.SignalComparison.NEWLY_SUPPRESSED;
import static io.traceflux.parity.SignalComparison.R_INCIDENT;
import static io.traceflux.parity.SignalComparison.SUPPRESSION_DIFF;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Everything the report needs from the signals, summed from the {@link SignalProfile} per
 * (baseline incident, replay incident). The groups are few (about the number of incidents), so
 * they come to the driver; the signals never do.
 *
 * @param cells             groups with an incident on at least one side
 * @param selected          selected signals
 * @param unknownSeverity   selected signals whose canonical severity is unknown
 * @param fingerprintDiffs  signals whose fingerprint differs from the baseline's
 * @param suppressionDiffs  signals whose suppression differs from the baseline's
 * @param newlySuppressed   signals the replay suppressed and the baseline kept
 */
record SignalTally(
        List<Cell> cells,
        long selected,
        long unknownSeverity,
        long fingerprintDiffs,
        long suppressionDiffs,
        long newlySuppressed) {

    /**
     * Signals in baseline incident {@code baseline} and replay incident {@code replay}; either
     * (not both) may be null for signals in an incident on one side only.
     */
    record Cell(String baseline, String replay, long signals) {
    }

    private static final Comparator<Cell> CELL_ORDER =
            Comparator.comparing(Cell::baseline, Comparator.nullsFirst(CodePointOrder.COMPARATOR))
                    .thenComparing(Cell::replay, Comparator.nullsFirst(CodePointOrder.COMPARATOR));

    SignalTally {
        cells = List.copyOf(cells);
    }

    /** The tally of a {@link SignalProfile}. */
    static SignalTally of(Dataset<Row> profile) {
        List<Row> groups = profile.groupBy(col(B_INCIDENT), col(R_INCIDENT))
                .agg(sum(col(SignalProfile.SIGNALS)), sum(col(SignalProfile.UNKNOWN_SEVERITY)),
                        sum(col(SignalProfile.FINGERPRINT_DIFFS)), sum(SignalProfile.signalsIf(col(SUPPRESSION_DIFF))),
                        sum(SignalProfile.signalsIf(col(NEWLY_SUPPRESSED))))
                .collectAsList();
        List<Cell> cells = new ArrayList<>();
        long[] totals = new long[5];
        for (Row g : groups) {
            if (!g.isNullAt(0) || !g.isNullAt(1)) {
                cells.add(new Cell(g.getString(0), g.getString(1), g.getLong(2)));
            }
            for (int i = 0; i < totals.length; i++) {
                totals[i] += g.getLong(2 + i);
            }
        }
        // Spark returns groups in any order; a fixed order makes the driver's sums reproducible.
        cells.sort(CELL_ORDER);
        return new SignalTally(cells, totals[0], totals[1], totals[2], totals[3], totals[4]);
    }

    /** Signals in an incident on at least one side: the population B-cubed averages over. */
    long compared() {
        return cells.stream().mapToLong(Cell::signals).sum();
    }
}
