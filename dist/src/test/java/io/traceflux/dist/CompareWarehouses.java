package io.traceflux.dist;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.map_entries;

import io.traceflux.spark.Sessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampType;

/**
 * The comparison of bin/cluster-check: one execution's rows in two local warehouses, table by
 * table, row for row (as multisets of JSON lines), and its evidence bundle's data files byte
 * for byte.
 * Columns that say when and where it ran ({@link #RUN_COLUMNS}) are left out, and so are the
 * bundle files that print them (manifest, summary, report).
 *
 * <p>Usage: {@code CompareWarehouses LEFT_WAREHOUSE RIGHT_WAREHOUSE EXECUTION_ID}; exit 0 when
 * everything is equal, 1 otherwise, with one line per table either way.
 */
public final class CompareWarehouses {

    /** Columns that differ between two runs of the same execution by design. */
    static final Set<String> RUN_COLUMNS = Set.of("started_at", "finished_at", "master");

    /** Bundle files that print the lineage (run times, master), compared by presence only. */
    static final Set<String> LINEAGE_FILES = Set.of("manifest.json", "summary.md", "report.html");

    private CompareWarehouses() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: CompareWarehouses LEFT_WAREHOUSE RIGHT_WAREHOUSE EXECUTION_ID");
            System.exit(2);
        }
        Path left = Path.of(args[0]);
        Path right = Path.of(args[1]);
        SparkSession spark = SparkSession.builder()
                .config(Sessions.baseConf(new SparkConf()).setMaster("local[2]").setAppName("compare warehouses")
                        .set("spark.ui.enabled", "false").set("spark.sql.shuffle.partitions", "1")
                        .set("spark.databricks.delta.snapshotPartitions", "1"))
                .getOrCreate();
        int differences = compareTables(spark, left, right, args[2]) + compareBundles(left, right, args[2]);
        spark.stop();
        System.out.println(differences == 0 ? "equal: every table and bundle file of " + args[2]
                : differences + " difference(s) between " + left + " and " + right);
        System.exit(differences == 0 ? 0 : 1);
    }

    private static int compareTables(SparkSession spark, Path left, Path right, String executionId) throws IOException {
        Set<String> names = new TreeSet<>(deltaTables(left));
        if (!names.equals(deltaTables(right))) {
            System.out.println("tables differ: " + deltaTables(left) + " vs " + deltaTables(right));
            return 1;
        }
        int differences = 0;
        for (String table : names) {
            List<String> a = comparable(spark, left.resolve(table), executionId);
            List<String> b = comparable(spark, right.resolve(table), executionId);
            boolean equal = a.equals(b);
            System.out.printf("%-20s %6d rows  %s%n", table, a.size(), equal ? "equal" : "DIFFER (" + b.size() + " rows)");
            if (!equal) {
                printFirstDifference(a, b);
                differences++;
            }
        }
        return differences;
    }

    private static void printFirstDifference(List<String> a, List<String> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "(none)";
            String y = i < b.size() ? b.get(i) : "(none)";
            if (!x.equals(y)) {
                System.out.println("  left:  " + x);
                System.out.println("  right: " + y);
                return;
            }
        }
    }

    /**
     * The execution's rows without run columns, as sorted JSON lines (maps as sorted entry
     * arrays, timestamps to the microsecond), so that two tables compare as multisets of rows. The sample's tables are small
     * enough to compare on the driver.
     */
    private static List<String> comparable(SparkSession spark, Path table, String executionId) {
        Dataset<Row> rows = spark.read().format("delta").load(table.toString())
                .where(col("execution_id").equalTo(executionId));
        List<Column> columns = new ArrayList<>();
        for (StructField f : rows.schema().fields()) {
            if (RUN_COLUMNS.contains(f.name())) {
                continue;
            }
            Column c = col(f.name());
            if (f.dataType() instanceof MapType) {
                c = array_sort(map_entries(c)).as(f.name());
            } else if (f.dataType() instanceof TimestampType) {
                c = c.cast("string").as(f.name());  // JSON would print milliseconds only
            }
            columns.add(c);
        }
        List<String> json = new ArrayList<>(rows.select(columns.toArray(Column[]::new)).toJSON().collectAsList());
        Collections.sort(json);
        return json;
    }

    private static Set<String> deltaTables(Path warehouse) throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> children = Files.list(warehouse)) {
            children.filter(p -> Files.isDirectory(p.resolve("_delta_log")))
                    .forEach(p -> names.add(p.getFileName().toString()));
        }
        return names;
    }

    private static int compareBundles(Path left, Path right, String executionId) throws IOException {
        Path a = left.resolve("bundles").resolve(executionId);
        Path b = right.resolve("bundles").resolve(executionId);
        Set<String> files = relativeFiles(a);
        if (!files.equals(relativeFiles(b))) {
            System.out.println("bundle files differ: " + files + " vs " + relativeFiles(b));
            return 1;
        }
        int differences = 0;
        for (String file : files) {
            if (LINEAGE_FILES.contains(file)) {
                continue;
            }
            if (!Arrays.equals(Files.readAllBytes(a.resolve(file)), Files.readAllBytes(b.resolve(file)))) {
                System.out.println("bundle file differs: " + file);
                differences++;
            }
        }
        System.out.printf("%-20s %6d files %s%n", "bundle", files.size(),
                differences == 0 ? "equal (data files byte for byte; manifest, summary, report present)" : "DIFFER");
        return differences;
    }

    private static Set<String> relativeFiles(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            Set<String> files = new TreeSet<>();
            walk.filter(Files::isRegularFile).forEach(p -> files.add(root.relativize(p).toString()));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the bundle " + root, e);
        }
    }
}
