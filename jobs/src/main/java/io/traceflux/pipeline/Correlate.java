package io.traceflux.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.traceflux.policy.CorrelationSpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Step 5: correlation of representatives into incidents (SPEC 3.2).
 *
 * <p>Per group key, ordered by (ts, signal_id), a session starts when the gap to the previous
 * representative exceeds {@code gap}; {@code max_span} cuts a session into pieces on a grid
 * from its first signal; a piece with at least {@code min_signals} signals, duplicates
 * counted, is an incident, and duplicates take their representative's incident.
 *
 * <p>Its input is {@link Deduplicate}'s output. Every row is placed by its representative
 * ({@link Columns#REP}: group values, ts, id), so a duplicate lands next to its representative
 * in the representative's group; rows are ordered by (representative, ts, id), and a row's gap
 * is the distance between its representative and the previous row's, zero inside an episode.
 * One sort per group serves sessions and pieces, with no join back to the duplicates.
 *
 * <p>This is the window plan, for policies without a co-partition key; {@link SortedPass}
 * decides the same in one pass where a key applies, and shares {@link #groupKey} and
 * {@link #incidentId}.
 */
public final class Correlate implements PipelineStep {

    // The representative's fields as stored columns: window specs over expressions would each
    // alias them anew, and Spark would shuffle and sort again for every window.
    private static final String GROUP = "_group";
    private static final String GROUP_HASH = "_group_hash";
    private static final String REP_US = "_rep_us";
    private static final String REP_ID = "_rep_id";
    private static final String SESSION_START = "_session_start";
    private static final String PIECE = "_piece";
    /** The representative's group key as text, for the incident id. */
    private static final String GROUP_TEXT = "_group_text";

    private final String policyId;
    private final CorrelationSpec spec;

    public Correlate(String policyId, CorrelationSpec spec) {
        this.policyId = policyId;
        this.spec = spec;
    }

    @Override
    public Dataset<Row> apply(Dataset<Row> deduplicated) {
        // The group's hash leads the partition key so that sorting compares longs, and arrays
        // only on a tie.
        Column group = col(GROUP);
        Column groupHash = col(GROUP_HASH);
        Column repUs = col(REP_US);
        Column repKey = struct(repUs.as("us"), col(REP_ID).as("id"));
        WindowSpec ordered = Window.partitionBy(groupHash, group)
                .orderBy(repUs, col(REP_ID), col(Columns.US), col(Columns.SIGNAL_ID));
        Column previous = lag(repUs, 1).over(ordered);
        Column startsSession = previous.isNull().or(repUs.minus(previous).gt(Columns.micros(spec.gap())));
        Column sessionStart = max(when(startsSession, repKey))
                .over(ordered.rowsBetween(Window.unboundedPreceding(), Window.currentRow()));
        Column pieceIndex = spec.maxSpan()
                .map(span -> Columns.bucket(repUs.minus(col(SESSION_START).getField("us")), Columns.micros(span)))
                .orElse(lit(0L));
        WindowSpec piece = Window.partitionBy(groupHash, group, col(SESSION_START), col(PIECE));

        return deduplicated
                .withColumn(GROUP, col(Columns.REP).getField("group"))
                .withColumn(GROUP_HASH, xxhash64(col(GROUP)))
                .withColumn(REP_US, col(Columns.REP).getField("us"))
                .withColumn(REP_ID, col(Columns.REP).getField("id"))
                .withColumn(SESSION_START, sessionStart)
                .withColumn(PIECE, pieceIndex)
                // In one select, so that one window operator computes both: each operator
                // copies every row, and costs more than the sort the two would share.
                .select(col("*"), count(lit(1)).over(piece).as(Columns.PIECE_SIZE),
                        min(repKey).over(piece).getField("id").as(Columns.FIRST_SIGNAL_ID))
                .withColumn(Columns.GROUP_KEY, groupKey(spec, group))
                .withColumn(GROUP_TEXT, GroupKey.text(spec.groupBy(), group))
                .withColumn(Columns.INCIDENT_ID, incidentId(policyId, spec, col(GROUP_TEXT)))
                .drop(GROUP, GROUP_HASH, REP_US, REP_ID, SESSION_START, PIECE, GROUP_TEXT);
    }

    /**
     * The group_key of an unsuppressed row (null for a suppressed one), from its
     * representative's group values ({@link GroupKey#values}).
     */
    static Column groupKey(CorrelationSpec spec, Column group) {
        return when(col(Columns.SUPPRESSED_BY).isNull(), GroupKey.of(spec.groupBy(), group));
    }

    /**
     * The incident_id of an unsuppressed row whose piece ({@link Columns#PIECE_SIZE},
     * {@link Columns#FIRST_SIGNAL_ID}) has at least min_signals signals, else null.
     * Deterministic: the first 16 hex characters of SHA-256 over
     * {@code policy_id \n group key text \n first_signal_id}, prefixed {@code inc-}.
     */
    static Column incidentId(String policyId, CorrelationSpec spec, Column groupText) {
        Column text = concat(lit(policyId + "\n"), groupText, lit("\n"), col(Columns.FIRST_SIGNAL_ID));
        return when(col(Columns.SUPPRESSED_BY).isNull().and(col(Columns.PIECE_SIZE).geq(spec.minSignals())),
                concat(lit("inc-"), substring(sha2(text, 256), 1, 16)));
    }
}
