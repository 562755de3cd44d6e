package io.traceflux.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.collection.JavaConverters;

/** Compact, exact assertions over small result tables. */
final class ParityAssertions {

    private ParityAssertions() {
    }

    /** The rows of {@code columns}, each as {@code [a,b,[x, y]]}, sorted. */
    static List<String> rows(Dataset<Row> data, String... columns) {
        return data.selectExpr(columns).collectAsList().stream().map(ParityAssertions::render).sorted().toList();
    }

    /** Rows as {@code [a,b]}, arrays as {@code [x, y]}, maps as {@code {k=v}} sorted by key. */
    static String render(Object value) {
        if (value instanceof Row row) {
            return IntStream.range(0, row.size()).mapToObj(i -> render(row.get(i)))
                    .collect(Collectors.joining(",", "[", "]"));
        }
        if (value instanceof scala.collection.Seq<?> seq) {
            return JavaConverters.seqAsJavaList(seq).stream().map(ParityAssertions::render)
                    .collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof scala.collection.Map<?, ?> map) {
            return new TreeMap<>(JavaConverters.mapAsJavaMap(map)).toString();
        }
        return String.valueOf(value);
    }

    static void assertRows(Dataset<Row> data, String[] columns, String... expected) {
        assertThat(rows(data, columns)).containsExactlyElementsOf(Arrays.stream(expected).sorted().toList());
    }

    static String[] cols(String... columns) {
        return columns;
    }

    static void assertBCubed(ParityReport report, double precision, double recall, double f1) {
        assertThat(report.bcubed().precision()).isCloseTo(precision, within(1e-9));
        assertThat(report.bcubed().recall()).isCloseTo(recall, within(1e-9));
        assertThat(report.bcubed().f1()).isCloseTo(f1, within(1e-9));
    }

    /** Per class: exact, changed, split, merged, missing, new, reshaped. */
    static void assertClasses(ParityReport report, long... counts) {
        long[] actual = Arrays.stream(ComponentClass.values()).mapToLong(report::count).toArray();
        assertThat(actual).containsExactly(counts);
    }
}
