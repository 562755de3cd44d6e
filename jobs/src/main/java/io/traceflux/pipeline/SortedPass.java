package io.traceflux.pipeline;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.timestamp_micros;

import io.traceflux.policy.CorrelationSpec;
import io.traceflux.policy.Policy;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Steps 4 and 5 (SPEC 3.2) where a co-partition key applies: one shuffle on the key, one sort
 * by (key, ts, signal_id) within partitions, and one linear pass ({@link KeyRows},
 * {@link KeyDecisions}) that decides episodes, sessions, pieces and their sizes. The window
 * plan of {@link Deduplicate} and {@link Correlate} needs five window operators, each copying
 * every row, and three sorts for the same decisions; it stays the plan where no key applies.
 *
 * <p>Exactness: rows arrive in Spark's sort order, so ties in ts are broken by signal_id in
 * UTF-8 byte (code point) order and no id is compared in Java; times are whole microseconds;
 * gaps start episodes and sessions only when strictly greater; pieces lie on a grid from the
 * session's first representative; sizes count duplicates; a duplicate takes its
 * representative's group, piece and incident. The group_key and incident_id come from the
 * same expressions as {@link Correlate}'s, over the representative's group values.
 *
 * <p>The pass reads and writes narrow rows: the decision columns and the signal columns that
 * decisions and a baseline's incidents carry ({@link #CARRIED}, ts), not whole signals.
 * {@link ReplayPipeline#whole} joins them to whole signals.
 */
final class SortedPass {

    /** Text columns that pass through the pass unchanged, stored as per-key dictionary codes. */
    static final List<String> CARRIED = List.of(Columns.SEVERITY, Columns.RAW_SEVERITY, Columns.FINGERPRINT,
            Columns.SUPPRESSED_BY, "service", "region", "pop", "host");

    /**
     * One policy's parameters for the pass, in microseconds.
     *
     * @param dedup             whether the policy deduplicates
     * @param dedupMicros       the dedup window
     * @param gapMicros         the correlation gap
     * @param maxSpanMicros     the correlation max_span, 0 for none
     * @param fingerprintColumn index in the carried columns of the policy's fingerprint
     * @param suppressedColumn  index in the carried columns of the policy's suppressed_by
     * @param groupColumns      number of group_by values the input carries for the policy
     */
    record PolicyParams(boolean dedup, long dedupMicros, long gapMicros, long maxSpanMicros, int fingerprintColumn,
            int suppressedColumn, int groupColumns) implements Serializable {

        static PolicyParams of(Policy policy, int fingerprintColumn, int suppressedColumn) {
            CorrelationSpec c = policy.correlation();
            return new PolicyParams(policy.dedupWindow().isPresent(),
                    policy.dedupWindow().map(Columns::micros).orElse(0L), Columns.micros(c.gap()),
                    c.maxSpan().map(Columns::micros).orElse(0L), fingerprintColumn, suppressedColumn,
                    c.groupBy().size());
        }
    }

    private static final String GROUP_VALUE = "_g";
    private static final String REP_GROUP_VALUE = "_rg";

    private final Policy policy;
    private final CoPartition coPartition;

    SortedPass(Policy policy, CoPartition coPartition) {
        if (!coPartition.isPresent()) {
            throw new IllegalArgumentException("a sorted pass needs a co-partition key");
        }
        this.policy = policy;
        this.coPartition = coPartition;
    }

    /**
     * The decisions of steps 4 and 5 for {@code suppressed} (the output of {@link Suppress}):
     * {@link CoPartition#PART}, signal_id, ts, the {@link #CARRIED} columns, duplicate_of,
     * group_key, incident_id, {@link Columns#PIECE_SIZE} and first_signal_id, partitioned on
     * the key.
     */
    Dataset<Row> apply(Dataset<Row> suppressed) {
        List<String> groupBy = policy.correlation().groupBy();
        List<Column> in = new ArrayList<>(List.of(col(CoPartition.PART), Columns.tsMicros().as(Columns.US),
                col(Columns.SIGNAL_ID)));
        CARRIED.forEach(c -> in.add(col(c)));
        for (int g = 0; g < groupBy.size(); g++) {
            in.add(SignalFields.value(groupBy.get(g)).as(GROUP_VALUE + g));
        }
        Dataset<Row> sorted = coPartition.withKey(suppressed)
                .select(in.toArray(Column[]::new))
                .repartition(coPartition.partitions(), col(CoPartition.PART))
                .sortWithinPartitions(CoPartition.PART, Columns.US, Columns.SIGNAL_ID);
        PolicyParams params = PolicyParams.of(policy, CARRIED.indexOf(Columns.FINGERPRINT),
                CARRIED.indexOf(Columns.SUPPRESSED_BY));
        Dataset<Row> passed = sorted.mapPartitions(new Pass(CARRIED.size(), List.of(params)),
                Encoders.row(outputSchema(groupBy.size())));
        return decided(PartitionLabel.restore(passed, coPartition));
    }

    /** The pass's output with ts, group_key and incident_id made from what it decided. */
    private Dataset<Row> decided(Dataset<Row> passed) {
        CorrelationSpec spec = policy.correlation();
        List<Column> values = new ArrayList<>();
        for (int g = 0; g < spec.groupBy().size(); g++) {
            values.add(col(REP_GROUP_VALUE + g));
        }
        Column group = array(values.toArray(Column[]::new)).cast("array<string>");
        List<Column> out = new ArrayList<>(List.of(col(CoPartition.PART), col(Columns.SIGNAL_ID),
                timestamp_micros(col(Columns.US)).as(Columns.TS)));
        CARRIED.forEach(c -> out.add(col(c)));
        out.add(col(Columns.DUPLICATE_OF));
        out.add(Correlate.groupKey(spec, group).as(Columns.GROUP_KEY));
        out.add(Correlate.incidentId(policy.id(), spec, GroupKey.text(spec.groupBy(), group)).as(Columns.INCIDENT_ID));
        out.add(col(Columns.PIECE_SIZE));
        out.add(col(Columns.FIRST_SIGNAL_ID));
        return passed.select(out.toArray(Column[]::new));
    }

    /** What {@link KeyRows} writes for one policy: see there. */
    private static StructType outputSchema(int groupColumns) {
        StructType schema = new StructType()
                .add(CoPartition.PART, DataTypes.StringType)
                .add(Columns.US, DataTypes.LongType)
                .add(Columns.SIGNAL_ID, DataTypes.StringType);
        for (String c : CARRIED) {
            schema = schema.add(c, DataTypes.StringType);
        }
        schema = schema.add(Columns.DUPLICATE_OF, DataTypes.StringType);
        for (int g = 0; g < groupColumns; g++) {
            schema = schema.add(REP_GROUP_VALUE + g, DataTypes.StringType);
        }
        return schema.add(Columns.PIECE_SIZE, DataTypes.LongType)
                .add(Columns.FIRST_SIGNAL_ID, DataTypes.StringType);
    }

    /** The function Spark runs per sorted partition. */
    private record Pass(int carried, List<PolicyParams> policies) implements MapPartitionsFunction<Row, Row> {

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            return new KeyRows(rows, carried, policies);
        }
    }
}
