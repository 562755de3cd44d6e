package io.traceflux.warehouse;

import io.delta.tables.DeltaTable;
import io.traceflux.InvalidInputException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.spark.sql.SparkSession;

/**
 * Creates the tables a warehouse lacks, empty and with their registry columns, so that a run's
 * writes are ordinary commits to existing tables. A replay does it beside its first stages:
 * on a fresh warehouse, Delta's first commits (class loading, protocol and metadata) then cost
 * no time on the run's critical path. Creators in several processes take turns (a lock file
 * under the warehouse root), so each table is made once.
 */
public final class CreateTables {

    /** A commit or checkpoint file of the Delta log. */
    private static final Pattern COMMIT = Pattern.compile("\\d{20}\\.(json|checkpoint.*\\.parquet)");
    /** The lock file that serialises creators, under the warehouse root. */
    static final String LOCK = "_traceflux/create.lock";
    private static final Duration STALE_LOCK = Duration.ofMinutes(2);

    private final SparkSession spark;
    private final Warehouse warehouse;

    public CreateTables(SparkSession spark, Warehouse warehouse) {
        this.spark = spark;
        this.warehouse = warehouse;
    }

    /**
     * Refuses a warehouse whose root or table paths are not folders, before anything is
     * written: a file where a table belongs is a mistake in {@code --warehouse}, not a failure.
     */
    public void checkPaths(List<Table> tables) {
        checkFolder(new Path(warehouse.root()), "warehouse " + warehouse.root() + " is a file, not a folder");
        for (Table table : tables) {
            Path path = new Path(warehouse.tablePath(table));
            checkFolder(path, "warehouse table " + path + " is a file, not a Delta table folder");
        }
    }

    /**
     * Creates each of {@code tables} that does not exist yet, holding the warehouse's creation
     * lock: Delta makes a table's log folder before its first commit, and two creators that see
     * each other's empty folder each take the table for made, so neither commits it.
     */
    public void ifMissing(List<Table> tables) {
        List<Table> missing = tables.stream().filter(t -> !exists(t)).toList();
        if (missing.isEmpty()) {
            return;
        }
        Path lock = new Path(warehouse.root(), LOCK);
        try {
            FileSystem fs = lock.getFileSystem(spark.sparkContext().hadoopConfiguration());
            acquire(fs, lock);
            try {
                for (Table table : missing) {
                    if (!exists(table)) {
                        DeltaTable.createIfNotExists(spark).location(warehouse.tablePath(table))
                                .addColumns(table.schema()).execute();
                    }
                }
            } finally {
                fs.delete(lock, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the tables under " + warehouse.root(), e);
        }
    }

    /**
     * Takes the lock file (created only if absent, atomically), waiting while another creator
     * holds it; a lock older than {@link #STALE_LOCK} belongs to a process that died holding it
     * and is taken over.
     */
    static void acquire(FileSystem fs, Path lock) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                createExclusively(fs, lock);
                return;
            } catch (FileAlreadyExistsException | java.nio.file.FileAlreadyExistsException e) {
                FileStatus held = fs.getFileStatus(lock);
                if (System.currentTimeMillis() - held.getModificationTime() > STALE_LOCK.toMillis()) {
                    fs.delete(lock, false);
                } else {
                    pause(attempt);
                }
            } catch (FileNotFoundException e) {
                // Released between our two calls: try again at once.
            }
        }
    }

    /**
     * Creates the file only if it does not exist. Hadoop's local file system checks and then
     * creates, so two creators (two replays of one regression run, in one JVM) could both take
     * the lock; on a local disk the file is created with {@code O_EXCL} instead. HDFS's create
     * without overwrite is atomic already.
     */
    private static void createExclusively(FileSystem fs, Path lock) throws IOException {
        if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
            java.nio.file.Path local = java.nio.file.Path.of(fs.makeQualified(lock).toUri());
            Files.createDirectories(local.getParent());
            Files.createFile(local);
        } else {
            fs.create(lock, false).close();
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(2_000, 100L * attempt) + ThreadLocalRandom.current().nextLong(100));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to create tables", e);
        }
    }

    private void checkFolder(Path path, String problem) {
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.exists(path) && !fs.getFileStatus(path).isDirectory()) {
                throw new InvalidInputException(problem);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot inspect " + path, e);
        }
    }

    /** Whether the table has a first commit (a log folder alone may be another creator's, still writing). */
    private boolean exists(Table table) {
        Path log = new Path(warehouse.tablePath(table), "_delta_log");
        try {
            FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
            return fs.exists(log) && fs.listStatus(log, p -> COMMIT.matcher(p.getName()).matches()).length > 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot inspect " + log, e);
        }
    }
}
