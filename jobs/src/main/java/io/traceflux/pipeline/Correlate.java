package io.traceflux.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.traceflux.policy.CorrelationSpec;
import java.util.ArrayList;
import java.util.List;
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
 * counted, is an incident. Duplicates then take their representative's incident through one
 * join on the representative's id (a duplicate may sit in another group than its representative).
 */
public final class Correlate implements PipelineStep {

    private static final String SESSION_START = "_session_start";
    private static final String PIECE = "_piece";
    private static final String PIECE_FIRST = "_piece_first";
    /** The representative's group key as text, for the explanation. */
    static final String GROUP_TEXT = "_group_text";

    private final String policyId;
    private final CorrelationSpec spec;

    public Correlate(String policyId, CorrelationSpec spec) {
        this.policyId = policyId;
        this.spec = spec;
    }

    @Override
    public Dataset<Row> apply(Dataset<Row> signals) {
        Column isRepresentative = col(Columns.SUPPRESSED_BY).isNull().and(col(Columns.DUPLICATE_OF).isNull());
        Dataset<Row> pieces = pieces(signals.filter(isRepresentative));
        Dataset<Row> byRepresentative = pieces.select(
                col(Columns.SIGNAL_ID).as(Columns.REPRESENTATIVE),
                col(Columns.GROUP_KEY), col(GROUP_TEXT), col(Columns.PIECE_SIZE), col(Columns.FIRST_SIGNAL_ID),
                col(Columns.INCIDENT_ID));
        return signals.join(byRepresentative,
                        signals.col(Columns.REPRESENTATIVE).equalTo(byRepresentative.col(Columns.REPRESENTATIVE)), "left")
                .drop(byRepresentative.col(Columns.REPRESENTATIVE));
    }

    /** Representatives with their group key, piece size, piece's first signal and incident id. */
    Dataset<Row> pieces(Dataset<Row> representatives) {
        List<Column> groupValues = new ArrayList<>();
        spec.groupBy().forEach(name -> groupValues.add(SignalFields.value(name)));
        WindowSpec ordered = Window.partitionBy(groupValues.toArray(Column[]::new))
                .orderBy(Columns.tsMicros(), col(Columns.SIGNAL_ID));
        Column us = Columns.tsMicros();
        Column previous = lag(us, 1).over(ordered);
        Column startsSession = previous.isNull().or(us.minus(previous).gt(micros(spec.gap())));
        Column sessionStart = max(when(startsSession, Columns.orderKey()))
                .over(ordered.rowsBetween(Window.unboundedPreceding(), Window.currentRow()));

        Dataset<Row> sessions = representatives.withColumn(SESSION_START, sessionStart);
        Column pieceIndex = spec.maxSpan()
                .map(span -> Columns.bucket(us.minus(col(SESSION_START).getField("us")), micros(span)))
                .orElse(lit(0L));
        List<Column> pieceKey = new ArrayList<>(groupValues);
        pieceKey.add(col(SESSION_START).getField("id"));
        pieceKey.add(col(PIECE));
        WindowSpec piece = Window.partitionBy(pieceKey.toArray(Column[]::new));

        Column pieceSize = sum(col(Columns.EPISODE_SIZE)).over(piece);
        Column firstId = min(Columns.orderKey()).over(piece).getField("id");
        return sessions
                .withColumn(PIECE, pieceIndex)
                .withColumn(Columns.PIECE_SIZE, pieceSize)
                .withColumn(PIECE_FIRST, firstId)
                .withColumn(Columns.GROUP_KEY, GroupKey.of(spec.groupBy()))
                .withColumn(GROUP_TEXT, GroupKey.text(spec.groupBy()))
                .withColumn(Columns.FIRST_SIGNAL_ID, col(PIECE_FIRST))
                .withColumn(Columns.INCIDENT_ID, when(col(Columns.PIECE_SIZE).geq(spec.minSignals()), incidentId()))
                .drop(SESSION_START, PIECE, PIECE_FIRST);
    }

    /**
     * Deterministic incident id: the first 16 hex characters of SHA-256 over
     * {@code policy_id \n group key text \n first_signal_id}, prefixed {@code inc-}.
     */
    private Column incidentId() {
        Column text = concat(lit(policyId + "\n"), GroupKey.text(spec.groupBy()), lit("\n"), col(PIECE_FIRST));
        return concat(lit("inc-"), substring(sha2(text, 256), 1, 16));
    }

    private static long micros(java.time.Duration d) {
        return d.toNanos() / 1_000;
    }
}
