package io.traceflux.actions;

import static org.apache.spark.sql.functions.col;

import io.traceflux.InvalidInputException;
import io.traceflux.parity.CodePointOrder;
import io.traceflux.policy.ActionKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Production's actions of a capture ({@code baseline/actions/}, SPEC 2.2): what its automation
 * fired for its incidents. They come to the driver whole (a window's pages and tickets, not its
 * signals) and are checked row by row, so a bad row is refused (exit 2) before anything is
 * written, naming the table, the column and the row.
 */
public final class ProductionActions {

    /** The checked table's columns as the capture names them (fired_at_text is fired_at as stored). */
    private static final String[] COLUMNS = {"incident_id", "action_id", "kind", "target", "fired_at", "fired_at"};

    private ProductionActions() {
    }

    /**
     * The firings in {@code actions}, ordered by (fired_at, incident_id, action_id).
     *
     * @param actions the checked table of {@link io.traceflux.parity.BaselineTables#actions()}
     * @param path    where it was read from, for messages
     * @throws InvalidInputException for a null incident_id, kind, target or fired_at, a kind that
     *                               is not page, ticket, runbook or notify, or a fired_at text
     *                               outside the ts grammar
     */
    public static List<Firing> collect(Dataset<Row> actions, String path) {
        List<Firing> firings = new ArrayList<>();
        for (Row r : actions.select(col("incident_id"), col("action_id"), col("kind"), col("target"),
                col("fired_at"), col("fired_at_text")).collectAsList()) {
            String at = path + ": action " + (r.isNullAt(1) ? "(no action_id)" : "'" + r.getString(1) + "'")
                    + " of incident '" + r.getString(0) + "'";
            for (int i : new int[] {0, 2, 3, 5}) {
                if (r.isNullAt(i)) {
                    throw new InvalidInputException(at + ": " + COLUMNS[i] + " is null");
                }
            }
            ActionKind kind = kind(r.getString(2)).orElseThrow(() -> new InvalidInputException(at + ": kind '"
                    + r.getString(2) + "' is not page, ticket, runbook or notify"));
            if (r.isNullAt(4)) {
                throw new InvalidInputException(at + ": fired_at '" + r.getString(5)
                        + "' is not a timestamp (YYYY-MM-DD[T or space]HH:MM:SS[.fraction][Z or ±HH:MM])");
            }
            firings.add(new Firing(r.getString(0), r.getString(1), kind, r.getString(3),
                    ReplayActions.instant(r.get(4)), false, null));
        }
        firings.sort(Comparator.comparing(Firing::firesAt)
                .thenComparing(Firing::incidentId, CodePointOrder.COMPARATOR)
                .thenComparing(f -> f.actionId() == null ? "" : f.actionId(), CodePointOrder.COMPARATOR));
        return List.copyOf(firings);
    }

    /** Production may spell kinds in capitals ({@code PAGE}); they mean the same. */
    private static Optional<ActionKind> kind(String text) {
        return ActionKind.of(text.toLowerCase(Locale.ROOT));
    }
}
