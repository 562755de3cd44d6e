package io.traceflux.actions;

import static org.apache.spark.sql.functions.col;

import io.traceflux.parity.CodePointOrder;
import io.traceflux.pipeline.ActionTimes;
import io.traceflux.pipeline.Columns;
import io.traceflux.policy.ActionRule;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The would-be firings of a policy's actions over the incidents it formed (SPEC 3.4): the
 * incidents, with {@link ActionTimes#COLUMN} from their aggregation, come to the driver (one
 * row per incident, as few as the signals are many) and the cooldown holds are decided there.
 * Nothing is executed.
 */
public final class ReplayActions {

    private ReplayActions() {
    }

    /**
     * Every firing, held or not, ordered by (fires_at, incident_id, the action's place in the
     * policy).
     *
     * @param incidents incident_id, group_key, first_signal_id and {@link ActionTimes#COLUMN}
     *                  (absent when {@code actions} is empty)
     */
    public static List<Firing> of(Dataset<Row> incidents, List<ActionRule> actions) {
        if (actions.isEmpty()) {
            return List.of();
        }
        List<Cooldown.Candidate> candidates = new ArrayList<>();
        List<Row> rows = incidents.select(col(Columns.INCIDENT_ID), col(Columns.GROUP_KEY),
                col(Columns.FIRST_SIGNAL_ID), col(ActionTimes.COLUMN)).collectAsList();
        for (Row r : rows) {
            Map<String, String> groupKey = r.getJavaMap(1);
            List<Object> times = r.getList(3);
            for (int i = 0; i < actions.size(); i++) {
                if (times.get(i) != null) {
                    candidates.add(new Cooldown.Candidate(r.getString(0), Map.copyOf(groupKey), r.getString(2),
                            actions.get(i), instant(times.get(i))));
                }
            }
        }
        candidates.sort(Comparator.comparing(Cooldown.Candidate::firesAt)
                .thenComparing(Cooldown.Candidate::incidentId, CodePointOrder.COMPARATOR)
                .thenComparing(c -> actions.indexOf(c.action())));
        return Cooldown.apply(candidates);
    }

    static Instant instant(Object value) {
        return value instanceof Timestamp t ? t.toInstant() : (Instant) value;
    }
}
