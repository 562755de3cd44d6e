package io.traceflux.capture;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * A telemetry lake (SPEC 2.4): a Delta table or Parquet folder with the signal columns of
 * SPEC 2.1, opened at a pinned version, with its partition layout and size. {@link #window}
 * gives the rows of a time window (and scope) with filters that are pushed down to partitions
 * and file statistics, so a cut lists and reads only what can hold the window.
 *
 * <p>A Delta lake's log is read with Delta Kernel, without Spark jobs: the pinned version, its
 * schema and size, and for each window the files that can hold it ({@link KernelLake}), which
 * Spark then reads. Where Kernel's listing cannot stand in for Delta's reader (column mapping,
 * deletion vectors in the window's files, partition columns generated from {@code ts}), Spark's
 * Delta reader reads the version; a Parquet folder is always read by Spark.
 */
public final class Lake {

    /** How a window is listed when Delta Kernel listed its files. */
    public static final String KERNEL_LISTING = "Delta Kernel";
    private static final String DELETION_VECTORS = "deletion vectors in the window's files";

    private final SourceTable table;
    private final StructType schema;
    private final LakeLayout layout;
    private final List<String> partitionColumns;
    private final long files;
    private final long bytes;
    /** Present when Kernel lists the windows' files, unless they carry deletion vectors. */
    private final Optional<KernelLake> kernel;
    /** How a window that Spark's reader reads is listed, and why that reader reads it. */
    private final String sparkListing;
    private final Supplier<Dataset<Row>> read;
    private Dataset<Row> sparkRows;

    private Lake(SourceTable table, StructType schema, LakeLayout layout, List<String> partitionColumns,
                 long files, long bytes, Optional<KernelLake> kernel, String sparkListing,
                 Supplier<Dataset<Row>> read) {
        this.table = table;
        this.schema = schema;
        this.layout = layout;
        this.partitionColumns = List.copyOf(partitionColumns);
        this.files = files;
        this.bytes = bytes;
        this.kernel = kernel;
        this.sparkListing = sparkListing;
        this.read = read;
    }

    /** Opens and checks the lake; reads the Delta log (or lists the Parquet folder), no data. */
    public static Lake open(SparkSession spark, TableRef ref) {
        SourceTable.Pinned pinned = SourceTable.pin(spark, ref, "lake");
        SourceTable table = pinned.table();
        if (pinned.delta().isEmpty()) {
            return parquet(spark, table);
        }
        KernelLake delta = KernelLake.open(spark, table, pinned.delta().get());
        SignalSchema.require(delta.schema(), table.subject());
        List<String> partitions = delta.partitionColumns();
        LakeLayout layout = LakeLayout.detect(partitions, delta.storedSchema());
        // Delta derives a generated partition column's filter from the filter on ts; only its
        // own reader does that.
        Optional<String> refusal = delta.refusal().or(() -> layout.generated().isEmpty() ? Optional.empty()
                : Optional.of("partition columns generated from ts"));
        KernelLake.Size size = delta.size();
        return new Lake(table, delta.schema(), layout, partitions, size.files(), size.bytes(),
                refusal.isEmpty() ? Optional.of(delta) : Optional.empty(),
                sparkDelta(refusal.orElse(DELETION_VECTORS)), () -> table.read(spark));
    }

    private static Lake parquet(SparkSession spark, SourceTable table) {
        Dataset<Row> rows = table.read(spark);
        SignalSchema.require(rows.schema(), table.subject());
        HadoopFsRelation relation = relation(rows.queryExecution().analyzed());
        List<String> partitions = Arrays.asList(relation.partitionSchema().fieldNames());
        return new Lake(table, rows.schema(), LakeLayout.detect(partitions, rows.schema()), partitions,
                relation.location().inputFiles().length, relation.location().sizeInBytes(), Optional.empty(),
                "Spark's Parquet reader", () -> rows);
    }

    private static String sparkDelta(String why) {
        return "Spark's Delta reader (" + why + ")";
    }

    public SourceTable table() {
        return table;
    }

    public LakeLayout layout() {
        return layout;
    }

    public List<String> partitionColumns() {
        return partitionColumns;
    }

    /** Data files of the pinned version. */
    public long files() {
        return files;
    }

    /** Their total size. */
    public long bytes() {
        return bytes;
    }

    /**
     * The rows with {@code ts} in {@code [start, end)} and in scope, with every column as
     * stored. Rows whose {@code ts} is null or unreadable text belong to no window.
     */
    public LakeWindow window(TimeRange window, Scope scope) {
        TsBounds bounds = bounds(window);
        LakeWindow source = source(window, bounds);
        Dataset<Row> filtered = SignalSchema.checked(source.rows(), table.subject())
                .filter(inWindow(window, bounds).and(scope.condition()));
        // Back to the lake's own columns: the check adds absent optional ones for the scope.
        Column[] columns = Arrays.stream(schema.fieldNames()).map(c -> col(LakeLayout.quoted(c))).toArray(Column[]::new);
        return new LakeWindow(filtered.select(columns), source.listing());
    }

    /** {@code ts} as a timestamp (text parsed, timestamp_ntz read as UTC). */
    public Column ts() {
        DataType type = tsType();
        if (type.equals(DataTypes.StringType)) {
            return TimestampText.parse(col("ts"));
        }
        return type.equals(DataTypes.TimestampType) ? col("ts") : col("ts").cast(DataTypes.TimestampType);
    }

    /** The unfiltered rows a window is cut from: Kernel's listing when it serves, else Spark's reader. */
    private LakeWindow source(TimeRange window, TsBounds bounds) {
        Optional<Dataset<Row>> listed = kernel.flatMap(k ->
                k.rows(KernelLake.skipping(bounds.lower(), bounds.upper()), layout.filter(window)));
        return listed.map(rows -> new LakeWindow(rows, KERNEL_LISTING))
                .orElseGet(() -> new LakeWindow(sparkRows(), sparkListing));
    }

    /** Spark's reader of the whole version, created when a window first needs it. */
    private synchronized Dataset<Row> sparkRows() {
        if (sparkRows == null) {
            sparkRows = read.get();
        }
        return sparkRows;
    }

    /** The bounds of a window as values of {@code ts}'s own type: {@code [lower, upper)}. */
    private record TsBounds(Object lower, Object upper) {
    }

    /**
     * What a window's bounds compare with in {@code ts}: instants for a timestamp, UTC
     * date-times for one without time zone. For text, the dates a day before the window and
     * two after its end: any offset is within a day of UTC, so the text's leading date lies
     * between them, which is plain text order that file statistics can use; the parsed instant
     * then decides exactly ({@link #inWindow}).
     */
    private TsBounds bounds(TimeRange window) {
        Instant start = window.start().truncatedTo(ChronoUnit.MICROS);
        Instant end = window.end().truncatedTo(ChronoUnit.MICROS);
        DataType type = tsType();
        if (type.equals(DataTypes.TimestampType)) {
            return new TsBounds(start, end);
        }
        if (type.equals(DataTypes.TimestampNTZType)) {
            return new TsBounds(utc(start), utc(end));
        }
        return new TsBounds(utc(start).toLocalDate().minusDays(1).toString(),
                utc(end).toLocalDate().plusDays(2).toString());
    }

    /**
     * The partition filter (when the layout has one) and a filter on {@code ts} itself in a
     * form that data skipping understands: a comparison of the column with literals.
     */
    private Column inWindow(TimeRange window, TsBounds bounds) {
        Column inside = layout.filter(window).orElse(lit(true))
                .and(col("ts").geq(lit(bounds.lower()))).and(col("ts").lt(lit(bounds.upper())));
        if (!tsType().equals(DataTypes.StringType)) {
            return inside;
        }
        Column parsed = TimestampText.parse(col("ts"));
        return inside.and(parsed.geq(lit(window.start().truncatedTo(ChronoUnit.MICROS))))
                .and(parsed.lt(lit(window.end().truncatedTo(ChronoUnit.MICROS))));
    }

    private DataType tsType() {
        return schema.apply("ts").dataType();
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static HadoopFsRelation relation(LogicalPlan plan) {
        for (LogicalPlan leaf : JavaConverters.seqAsJavaList(plan.collectLeaves())) {
            if (leaf instanceof LogicalRelation r && r.relation() instanceof HadoopFsRelation fs) {
                return fs;
            }
        }
        throw new IllegalStateException("a Parquet read without a file relation: " + plan);
    }
}
