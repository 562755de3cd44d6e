package io.traceflux.capture;

import io.traceflux.spark.ScalaSeqs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.And;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.BoundReference;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.EvalMode;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.execution.datasources.FileIndex;
import org.apache.spark.sql.execution.datasources.PartitionDirectory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Function1;
import scala.Option;
import scala.collection.Seq;
import scala.runtime.AbstractPartialFunction;

/**
 * Spark's view of the data files that Delta Kernel listed for one window of a lake: the files
 * grouped by the partition values of their add actions, each value typed as Delta's own reader
 * types it (the text cast to the column's type in the session's time zone). The partition
 * filters that Spark pushes to the scan are evaluated on those values, so the scan reads the
 * partitions that Delta's reader would, and reports them in its metrics the same way.
 */
final class KernelFileIndex implements FileIndex {

    /** One listed data file: its absolute path, size, modification time and add action's partition values. */
    record ListedFile(Path path, long size, long modificationTime, Map<String, String> partitionValues,
                      boolean deletionVector) {

        FileStatus status() {
            return new FileStatus(size, false, 0, 1, modificationTime, path);
        }
    }

    /** The files of one set of partition values. */
    private record Partition(InternalRow values, List<ListedFile> files) {
    }

    private final Path root;
    private final StructType partitionSchema;
    private final List<Partition> partitions;
    private final List<ListedFile> files;

    /**
     * @param root            the table's location, for Spark's plan descriptions
     * @param partitionSchema the partition columns as Delta's reader declares them
     * @param files           the listed files
     * @param timeZone        the session's time zone, in which partition text is cast
     */
    KernelFileIndex(Path root, StructType partitionSchema, List<ListedFile> files, String timeZone) {
        this.root = root;
        this.partitionSchema = partitionSchema;
        this.files = List.copyOf(files);
        Map<Map<String, String>, List<ListedFile>> grouped = new LinkedHashMap<>();
        files.forEach(f -> grouped.computeIfAbsent(f.partitionValues(), v -> new ArrayList<>()).add(f));
        this.partitions = grouped.entrySet().stream()
                .map(e -> new Partition(values(e.getKey(), timeZone), List.copyOf(e.getValue()))).toList();
    }

    /** The listed files in the partitions that all of {@code filters} keep. */
    List<ListedFile> files(List<Expression> filters) {
        return selected(filters).stream().flatMap(p -> p.files().stream()).toList();
    }

    @Override
    public Seq<PartitionDirectory> listFiles(Seq<Expression> partitionFilters, Seq<Expression> dataFilters) {
        // Data filters need nothing here: Kernel skipped files by their statistics when listing.
        List<PartitionDirectory> directories = selected(ScalaSeqs.toJava(partitionFilters)).stream()
                .map(p -> PartitionDirectory.apply(p.values(),
                        p.files().stream().map(ListedFile::status).toArray(FileStatus[]::new)))
                .toList();
        return ScalaSeqs.of(directories);
    }

    @Override
    public Seq<Path> rootPaths() {
        return ScalaSeqs.of(List.of(root));
    }

    @Override
    public String[] inputFiles() {
        return files.stream().map(f -> f.path().toString()).toArray(String[]::new);
    }

    @Override
    public void refresh() {
        // The listing belongs to one pinned version: there is nothing newer to see.
    }

    @Override
    public long sizeInBytes() {
        return files.stream().mapToLong(ListedFile::size).sum();
    }

    @Override
    public StructType partitionSchema() {
        return partitionSchema;
    }

    @Override
    public String toString() {
        return "KernelFileIndex(" + files.size() + " files of " + root + ")";
    }

    private List<Partition> selected(List<Expression> filters) {
        if (filters.isEmpty()) {
            return partitions;
        }
        Expression keeps = bound(filters.stream().reduce(And::new).orElseThrow());
        return partitions.stream().filter(p -> Boolean.TRUE.equals(keeps.eval(p.values()))).toList();
    }

    /** The filter with its column references bound to the positions of the partition values. */
    private Expression bound(Expression filter) {
        return filter.transform(new AbstractPartialFunction<Expression, Expression>() {
            @Override
            public boolean isDefinedAt(Expression e) {
                return e instanceof AttributeReference;
            }

            @Override
            @SuppressWarnings("unchecked")
            public <A1 extends Expression, B1> B1 applyOrElse(A1 e, Function1<A1, B1> otherwise) {
                if (e instanceof AttributeReference column) {
                    int index = partitionSchema.fieldIndex(column.name());
                    return (B1) new BoundReference(index, partitionSchema.fields()[index].dataType(), true);
                }
                return otherwise.apply(e);
            }
        });
    }

    /** Partition text as typed values, as Delta's reader makes them: a non-ANSI cast, null for null. */
    private InternalRow values(Map<String, String> text, String timeZone) {
        StructField[] fields = partitionSchema.fields();
        Object[] values = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            Literal value = Literal.create(text.get(fields[i].name()), DataTypes.StringType);
            values[i] = new Cast(value, fields[i].dataType(), Option.apply(timeZone), EvalMode.LEGACY()).eval(null);
        }
        return new GenericInternalRow(values);
    }
}
