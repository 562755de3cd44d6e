package io.traceflux.capture;

import io.delta.kernel.Scan;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.expressions.And;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.SnapshotImpl;
import io.delta.kernel.internal.actions.Metadata;
import io.traceflux.governance.KernelTables;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.delta.DeltaColumnMapping;
import org.apache.spark.sql.delta.DeltaTableUtils;
import org.apache.spark.sql.delta.schema.SchemaUtils;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * A Delta lake's pinned version as Delta Kernel reads it, so that a cut lists the files of its
 * window without Spark jobs and hands Spark only those (docs/decisions.md, "Delta Kernel
 * lists a cut's files"). Kernel replays the log on the driver and skips files by their
 * statistics on {@code ts}; the partition filter is Spark's own, evaluated on each file's
 * partition values ({@link KernelFileIndex}); Spark's Parquet reader reads the files.
 *
 * <p>That reader is Delta's without column mapping and deletion vectors, so it serves only a
 * version without column mapping or another reader feature that changes how files are read
 * ({@link #refusal()}), and only a window none of whose files carries a deletion vector
 * ({@link #rows}); Spark's Delta reader reads anything else.
 */
final class KernelLake {

    /** Reader features after which a data file still reads as plain Parquet. */
    private static final Set<String> PLAIN_READER_FEATURES =
            Set.of("columnMapping", "deletionVectors", "timestampNtz", "v2Checkpoint", "vacuumProtocolCheck");
    private static final String COLUMN_MAPPING = "delta.columnMapping.mode";

    private final SparkSession spark;
    private final KernelTables kernel;
    private final SnapshotImpl snapshot;
    private final Path root;
    private final StructType stored;
    private final StructType schema;
    private final StructType partitionSchema;

    private KernelLake(SparkSession spark, SourceTable.KernelSnapshot pinned, Path root) {
        this.spark = spark;
        this.kernel = pinned.kernel();
        // Kernel 3.3 gives the table's configuration and protocol only on its snapshot
        // implementation; the project pins that Kernel release.
        this.snapshot = (SnapshotImpl) pinned.snapshot();
        this.root = root;
        Metadata metadata = snapshot.getMetadata();
        // Delta's reader declares the columns this way (DeltaLog.buildHadoopFsRelationWithFileIndex),
        // so both readers give a cut the same columns.
        this.stored = (StructType) DataType.fromJson(metadata.getSchemaString());
        this.schema = DeltaColumnMapping.dropColumnMappingMetadata(
                DeltaTableUtils.removeInternalWriterMetadata(spark, SchemaUtils.dropNullTypeColumns(stored)));
        StructType partitions = new StructType();
        for (String column : partitionColumns()) {
            partitions = partitions.add(stored.apply(column));
        }
        this.partitionSchema = DeltaColumnMapping.dropColumnMappingMetadata(partitions);
    }

    static KernelLake open(SparkSession spark, SourceTable table, SourceTable.KernelSnapshot pinned) {
        return new KernelLake(spark, pinned, new Path(table.location()));
    }

    /** The schema as the log stores it, with every column's metadata (generation expressions). */
    StructType storedSchema() {
        return stored;
    }

    /** The columns as Delta's reader gives them. */
    StructType schema() {
        return schema;
    }

    List<String> partitionColumns() {
        return snapshot.getPartitionColumnNames(engine());
    }

    /** Why Kernel's listing cannot serve this version, if it cannot. */
    Optional<String> refusal() {
        String mapping = snapshot.getMetadata().getConfiguration().getOrDefault(COLUMN_MAPPING, "none");
        if (!mapping.equals("none")) {
            return Optional.of("column mapping mode " + mapping);
        }
        Set<String> features = new TreeSet<>(snapshot.getProtocol().getReaderFeatures());
        features.removeAll(PLAIN_READER_FEATURES);
        return features.isEmpty() ? Optional.empty() : Optional.of("reader feature " + String.join(", ", features));
    }

    /** How many data files a version has, and their bytes. */
    record Size(long files, long bytes) {
    }

    /** The version's data files and their total size, from the log. */
    Size size() {
        long[] filesAndBytes = new long[2];
        kernel.forEachScanFile(snapshot.getScanBuilder(engine()).build(), file -> {
            filesAndBytes[0]++;
            filesAndBytes[1] += InternalScanFileUtils.getAddFileStatus(file).getSize();
        });
        return new Size(filesAndBytes[0], filesAndBytes[1]);
    }

    /**
     * The rows of the files that can hold the window: those that {@code skipping} keeps by their
     * statistics, read as Spark's Parquet reader reads them, with their partition values; empty
     * when a file that {@code partitionFilter} keeps carries a deletion vector.
     */
    Optional<Dataset<org.apache.spark.sql.Row>> rows(Predicate skipping,
            Optional<org.apache.spark.sql.Column> partitionFilter) {
        KernelFileIndex index = list(skipping);
        Dataset<org.apache.spark.sql.Row> rows = spark.baseRelationToDataFrame(new HadoopFsRelation(index,
                partitionSchema, schema, Option.empty(), new ParquetFileFormat(),
                scala.collection.immutable.Map$.MODULE$.empty(), spark));
        // The partition filter as the scan will be given it: resolved against the relation's columns.
        List<Expression> filters = partitionFilter
                .map(f -> List.of(((Filter) rows.filter(f).queryExecution().analyzed()).condition()))
                .orElse(List.of());
        boolean deletions = index.files(filters).stream().anyMatch(KernelFileIndex.ListedFile::deletionVector);
        return deletions ? Optional.empty() : Optional.of(rows);
    }

    /** The files that {@code skipping} keeps by their statistics, as Spark's file index. */
    private KernelFileIndex list(Predicate skipping) {
        Scan scan = snapshot.getScanBuilder(engine()).withFilter(engine(), skipping).build();
        List<KernelFileIndex.ListedFile> files = new ArrayList<>();
        kernel.forEachScanFile(scan, file -> files.add(listed(file)));
        return new KernelFileIndex(root, partitionSchema, files, spark.sessionState().conf().sessionLocalTimeZone());
    }

    /**
     * {@code ts IS NOT NULL AND ts >= lower AND ts < upper} for Kernel's data skipping, the
     * bounds in ts's own type. Kernel keeps a file whose statistics cannot decide the filter,
     * such as one whose ts is all null; the null test skips that one as Delta's reader does.
     */
    static Predicate skipping(Object lower, Object upper) {
        Column ts = new Column("ts");
        return new And(new Predicate("IS_NOT_NULL", ts),
                new And(new Predicate(">=", ts, literal(lower)), new Predicate("<", ts, literal(upper))));
    }

    private static Literal literal(Object value) {
        if (value instanceof Instant instant) {
            return Literal.ofTimestamp(ChronoUnit.MICROS.between(Instant.EPOCH, instant));
        }
        if (value instanceof LocalDateTime local) {
            return Literal.ofTimestampNtz(ChronoUnit.MICROS.between(Instant.EPOCH, local.toInstant(ZoneOffset.UTC)));
        }
        return Literal.ofString((String) value);
    }

    /** A scan file as Delta's reader locates it: the add action's path (a URI) against the table's. */
    private KernelFileIndex.ListedFile listed(Row scanFile) {
        Row add = scanFile.getStruct(InternalScanFileUtils.ADD_FILE_ORDINAL);
        String relative = add.getString(add.getSchema().indexOf("path"));
        Path path;
        try {
            path = new Path(root, new Path(new URI(relative)));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(root + ": the log names a file that is no URI: " + relative, e);
        }
        io.delta.kernel.utils.FileStatus status = InternalScanFileUtils.getAddFileStatus(scanFile);
        return new KernelFileIndex.ListedFile(path, status.getSize(), status.getModificationTime(),
                InternalScanFileUtils.getPartitionValues(scanFile),
                InternalScanFileUtils.getDeletionVectorDescriptorFromRow(scanFile) != null);
    }

    private Engine engine() {
        return kernel.engine();
    }
}
