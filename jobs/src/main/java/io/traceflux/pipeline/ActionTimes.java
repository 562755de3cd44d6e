package io.traceflux.pipeline;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import io.traceflux.policy.ActionRule;
import io.traceflux.policy.Matcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * When each incident first satisfies each of a policy's actions (SPEC 3.4), in built-in column
 * expressions over the incident's members, riding on the incidents' own pass.
 *
 * <p>{@link #running} takes every member of an incident (duplicates included) in order of
 * (ts, signal_id) and adds, per row, what the incident holds so far: the count, the highest
 * severity, and for each matcher on {@code service} or {@code host} whether some value touched so
 * far satisfies it (null values are not touched, as in {@code replay_incidents.services}). Group
 * key names read the incident's group key; any other name reads as {@code ""}. {@link #times}
 * is then one aggregate per incident: for each action, the ts of the first member at which the
 * count reaches {@code min_signals} and every matcher holds (null: never).
 *
 * <p>The window partitions by incident_id, which is what the incidents' aggregation groups by,
 * so both share one exchange: the actions add a sort of the incident members, no shuffle.
 */
public final class ActionTimes {

    /** The aggregate's column: array&lt;timestamp&gt;, one element per action in policy order. */
    public static final String COLUMN = "_action_times";

    private static final String COUNT = "_act_count";
    private static final String RANK = "_act_rank";
    private static final String FIRES = "_act_fires_";
    private static final String TOUCHED = "_act_touched_";

    private final List<ActionRule> actions;
    private final List<String> groupBy;

    /**
     * @param actions the policy's actions, in policy order
     * @param groupBy the policy's correlation group_by names
     */
    public ActionTimes(List<ActionRule> actions, List<String> groupBy) {
        this.actions = List.copyOf(actions);
        this.groupBy = List.copyOf(groupBy);
    }

    public boolean isEmpty() {
        return actions.isEmpty();
    }

    /**
     * The incident members of {@code signals} (rows with an incident_id: ts, signal_id, severity,
     * service, host, group_key) with a boolean {@code _act_fires_<i>} per action: whether the
     * incident satisfies action i at this row.
     */
    public Dataset<Row> running(Dataset<Row> signals) {
        WindowSpec soFar = Window.partitionBy(col(Columns.INCIDENT_ID))
                .orderBy(Columns.tsMicros(), col(Columns.SIGNAL_ID))
                .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        Map<String, Column> touched = new LinkedHashMap<>();
        for (ActionRule a : actions) {
            for (Matcher m : a.when()) {
                if (isTouched(m)) {
                    touched.putIfAbsent(key(m), touchedSoFar(m, soFar));
                }
            }
        }
        List<Column> columns = new ArrayList<>(List.of(col("*"), count(lit(1)).over(soFar).as(COUNT),
                max(Normalize.rankOf(col(Columns.SEVERITY))).over(soFar).as(RANK)));
        List<String> touchedKeys = new ArrayList<>(touched.keySet());
        for (int i = 0; i < touchedKeys.size(); i++) {
            columns.add(touched.get(touchedKeys.get(i)).as(TOUCHED + i));
        }
        Dataset<Row> withState = signals.filter(col(Columns.INCIDENT_ID).isNotNull())
                .select(columns.toArray(Column[]::new));
        for (int i = 0; i < actions.size(); i++) {
            withState = withState.withColumn(FIRES + i, satisfied(actions.get(i), touchedKeys));
        }
        return withState;
    }

    /** Per incident over {@link #running}'s rows: the first ts at which each action fires. */
    public Column times() {
        List<Column> first = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            first.add(min(when(col(FIRES + i), col(Columns.TS))));
        }
        return array(first.toArray(Column[]::new));
    }

    private Column satisfied(ActionRule action, List<String> touchedKeys) {
        Column holds = col(COUNT).geq(action.minSignals());
        for (Matcher m : action.when()) {
            holds = holds.and(isTouched(m) ? col(TOUCHED + touchedKeys.indexOf(key(m))).equalTo(1)
                    : MatcherColumns.on(m, incidentValue(m.name())));
        }
        return holds;
    }

    /** 1 once some non-null value of the matcher's column so far satisfies it, else 0. */
    private static Column touchedSoFar(Matcher m, WindowSpec soFar) {
        Column value = col(m.name());
        return coalesce(max(when(value.isNotNull(), when(MatcherColumns.on(m, value), 1).otherwise(0))).over(soFar),
                lit(0));
    }

    /** What a matcher on {@code name} reads of the incident so far, never null. */
    private Column incidentValue(String name) {
        if (name.equals(Columns.SEVERITY)) {
            return Normalize.nameOf(col(RANK));
        }
        if (groupBy.contains(name)) {
            return coalesce(col(Columns.GROUP_KEY).getItem(name), lit(""));
        }
        return lit("");
    }

    /** Service and host matchers hold on any value the incident has touched. */
    private static boolean isTouched(Matcher m) {
        return m.name().equals("service") || m.name().equals("host");
    }

    private static String key(Matcher m) {
        return m.name() + "\n" + m.op() + "\n" + m.value();
    }
}
