package io.traceflux.capture;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * How a lake's partition columns follow time, so that a window becomes a partition filter and
 * only the partitions that can hold it are listed and read (SPEC 2.4).
 *
 * <p>Recognised, by column name (partition values are the UTC date and hour of {@code ts}, as
 * every timestamp of the product is UTC):
 * <ul>
 *   <li>a date: {@code date}, {@code dt}, {@code ds}, {@code day}, {@code event_date} or
 *       {@code partition_date}, of type date or text {@code YYYY-MM-DD};</li>
 *   <li>or {@code year}, {@code month}, {@code day} (whole numbers, as numbers or digits);</li>
 *   <li>optionally with {@code hour} (0-23, as a number or digits).</li>
 * </ul>
 * A Delta partition column generated from {@code ts} ({@code GENERATED ALWAYS AS
 * (CAST(ts AS DATE))}, {@code HOUR(ts)}, {@code DATE_FORMAT(ts, ...)}, ...) needs nothing here:
 * Delta derives its filter from the filter on {@code ts}. Anything else leaves the cut to file
 * statistics on {@code ts} (Delta data skipping, Parquet footers).
 *
 * <p>The filter is null-safe: a partition value that does not read as a date or number is
 * kept rather than pruned, so an unexpected layout costs reading time, never rows.
 *
 * @param parts     the recognised time columns, coarsest first (empty: none recognised)
 * @param generated partition columns that Delta generates from {@code ts}
 * @param others    the remaining partition columns, which the window does not narrow
 */
public record LakeLayout(List<Part> parts, List<String> generated, List<String> others) {

    /** Names a date partition column may have; {@code day} only when it holds a date. */
    static final List<String> DATE_NAMES =
            List.of("date", "dt", "ds", "day", "event_date", "partition_date");

    private static final String GENERATION_KEY = "delta.generationExpression";

    /** What a time partition column holds. */
    public enum Unit { DATE, YEAR, MONTH, DAY, HOUR }

    /** One recognised time column: its name and what it holds. */
    public record Part(String column, Unit unit) {

        /** The column as a comparable value: a date, or an int. */
        Column value() {
            return unit == Unit.DATE ? col(quoted(column)).cast(DataTypes.DateType)
                    : col(quoted(column)).cast(DataTypes.IntegerType);
        }

        /** The literal this part has at {@code instant} (UTC). */
        Column at(Instant instant) {
            LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
            return switch (unit) {
                case DATE -> lit(t.toLocalDate());
                case YEAR -> lit(t.getYear());
                case MONTH -> lit(t.getMonthValue());
                case DAY -> lit(t.getDayOfMonth());
                case HOUR -> lit(t.getHour());
            };
        }
    }

    public LakeLayout {
        parts = List.copyOf(parts);
        generated = List.copyOf(generated);
        others = List.copyOf(others);
    }

    /** Reads the layout from the partition columns and the table's schema. */
    public static LakeLayout detect(List<String> partitionColumns, StructType schema) {
        Map<String, StructField> byName = Set.copyOf(partitionColumns).stream()
                .collect(Collectors.toMap(Function.identity(), schema::apply));
        List<String> generated = partitionColumns.stream()
                .filter(c -> byName.get(c).metadata().contains(GENERATION_KEY)).toList();
        List<Part> parts = new ArrayList<>();
        boolean ymd = isWhole(byName, "year");
        // With a year column, "day" is the day of the month.
        Optional<String> date = DATE_NAMES.stream()
                .filter(n -> !(ymd && n.equals("day")))
                .filter(n -> byName.containsKey(n) && isDateLike(byName.get(n).dataType()))
                .findFirst();
        if (date.isPresent()) {
            parts.add(new Part(date.get(), Unit.DATE));
        } else if (ymd) {
            parts.add(new Part("year", Unit.YEAR));
            if (isWhole(byName, "month")) {
                parts.add(new Part("month", Unit.MONTH));
                if (isWhole(byName, "day")) {
                    parts.add(new Part("day", Unit.DAY));
                }
            }
        }
        boolean daily = !parts.isEmpty() && parts.get(parts.size() - 1).unit() != Unit.YEAR
                && parts.get(parts.size() - 1).unit() != Unit.MONTH;
        if (daily && isWhole(byName, "hour")) {
            parts.add(new Part("hour", Unit.HOUR));
        }
        Set<String> used = parts.stream().map(Part::column).collect(Collectors.toSet());
        List<String> others = partitionColumns.stream()
                .filter(c -> !used.contains(c) && !generated.contains(c)).toList();
        return new LakeLayout(parts, generated, others);
    }

    /**
     * The partition filter for {@code [start, end)}, or empty when no time column is
     * recognised: every partition whose time columns lie between those of {@code start} and
     * those of the window's last microsecond.
     */
    public Optional<Column> filter(TimeRange window) {
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        Instant last = window.end().truncatedTo(ChronoUnit.MICROS).minus(1, ChronoUnit.MICROS);
        Column inside = notBefore(0, window.start()).and(notAfter(0, last));
        return Optional.of(coalesce(inside, lit(true)));
    }

    /** How the window narrows the partitions, for the summary and capture.json. */
    public String describe() {
        List<String> said = new ArrayList<>();
        if (!parts.isEmpty()) {
            said.add("time partitions " + parts.stream().map(Part::column)
                    .collect(Collectors.joining("/")) + " (filtered from the window)");
        }
        if (!generated.isEmpty()) {
            said.add("generated partition columns " + String.join(", ", generated)
                    + " (Delta derives their filter from ts)");
        }
        if (!others.isEmpty()) {
            said.add("other partition columns " + String.join(", ", others) + " (not narrowed)");
        }
        return said.isEmpty() ? "not partitioned by time: file statistics on ts only"
                : String.join("; ", said);
    }

    /** Lexicographic (parts[i..]) >= their values at {@code t}. */
    private Column notBefore(int i, Instant t) {
        Part p = parts.get(i);
        if (i == parts.size() - 1) {
            return p.value().geq(p.at(t));
        }
        return p.value().gt(p.at(t)).or(p.value().equalTo(p.at(t)).and(notBefore(i + 1, t)));
    }

    /** Lexicographic (parts[i..]) <= their values at {@code t}. */
    private Column notAfter(int i, Instant t) {
        Part p = parts.get(i);
        if (i == parts.size() - 1) {
            return p.value().leq(p.at(t));
        }
        return p.value().lt(p.at(t)).or(p.value().equalTo(p.at(t)).and(notAfter(i + 1, t)));
    }

    private static boolean isDateLike(DataType type) {
        return type.equals(DataTypes.DateType) || type.equals(DataTypes.StringType);
    }

    private static boolean isWhole(Map<String, StructField> byName, String name) {
        if (!byName.containsKey(name)) {
            return false;
        }
        DataType type = byName.get(name).dataType();
        return type instanceof IntegerType || type instanceof LongType || type instanceof ShortType
                || type.equals(DataTypes.StringType);
    }

    static String quoted(String column) {
        return "`" + column.replace("`", "``") + "`";
    }
}
