package io.traceflux.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.SparkTestBase;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The driver's order of held rows against Spark's sort of the same rows: a bundle exported
 * either way must list them identically.
 */
class RowOrderTest extends SparkTestBase {

    private static final StructType SCHEMA = new StructType()
            .add("name", DataTypes.StringType)
            .add("tags", DataTypes.createArrayType(DataTypes.StringType))
            .add("score", DataTypes.DoubleType)
            .add("count", DataTypes.LongType)
            .add("rank", DataTypes.IntegerType)
            .add("held", DataTypes.BooleanType)
            .add("at", DataTypes.TimestampType)
            .add("id", DataTypes.IntegerType, false);

    private static final String[] NAMES = {null, "", "a", "A", "b", "ab", "\uFFFF", "\uD83D\uDE00", "é", "e\u0301"};
    private static final Double[] SCORES = {null, Double.NaN, Double.NEGATIVE_INFINITY, -1.5, -0.0, 0.0, 2.25,
            Double.POSITIVE_INFINITY};
    private static final Long[] COUNTS = {null, Long.MIN_VALUE, -3L, 0L, 7L, Long.MAX_VALUE};
    private static final Integer[] RANKS = {null, -1, 0, 1};
    private static final Boolean[] HELD = {null, false, true};
    private static final Timestamp[] ATS = {null, Timestamp.valueOf("1969-12-31 23:59:59.999999"),
            Timestamp.valueOf("2026-12-08 03:00:00.000001"), Timestamp.valueOf("2026-12-08 03:00:00.000002")};

    @Test
    void heldRowsSortLikeSparkOnTheKeyThenEveryAtomicColumn() {
        Random random = new Random(7);
        List<Row> rows = new ArrayList<>();
        for (int id = 0; id < 2_000; id++) {
            rows.add(RowFactory.create(pick(random, NAMES), List.of("t" + random.nextInt(3)), pick(random, SCORES),
                    pick(random, COUNTS), pick(random, RANKS), pick(random, HELD), pick(random, ATS), id));
        }
        List<String> sortKey = List.of("held", "name", "missing_column");
        List<Row> collected = TableExport.ordered(spark.createDataFrame(rows, SCHEMA).repartition(3), sortKey)
                .collectAsList();
        List<Row> held = new ArrayList<>(collected);
        Collections.shuffle(held, random);
        held.sort(RowOrder.comparator(SCHEMA, sortKey).orElseThrow());

        assertThat(ids(held)).containsExactlyElementsOf(ids(collected));
        assertThat(RowOrder.columns(SCHEMA, sortKey)).containsExactly("held", "name", "score", "count", "rank", "at",
                "id");
    }

    @Test
    void aColumnTypeItCannotOrderLeavesTheSortToSpark() {
        StructType withBytes = new StructType().add("id", DataTypes.IntegerType).add("raw", DataTypes.BinaryType);

        assertThat(RowOrder.comparator(withBytes, List.of("id"))).isEmpty();
        assertThat(RowOrder.comparator(SCHEMA, List.of("id"))).isPresent();
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static List<Integer> ids(List<Row> rows) {
        return rows.stream().map(r -> r.<Integer>getAs("id")).toList();
    }
}
