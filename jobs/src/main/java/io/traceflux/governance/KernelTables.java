package io.traceflux.governance;

import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Operation;
import io.delta.kernel.Scan;
import io.delta.kernel.ScanBuilder;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionBuilder;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.CheckpointAlreadyExistsException;
import io.delta.kernel.exceptions.ConcurrentWriteException;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Path-based Delta tables under a warehouse root, read and appended with Delta Kernel for Java:
 * no SparkSession, so a command that reads a few small tables answers in about a second. Reads
 * honour everything Spark's writers leave in a table (removed files, deletion vectors,
 * checkpoints); appends are Kernel blind appends, each one Delta commit, optionally bound to a
 * transaction identifier so that two writers of the same identifier version cannot both commit.
 * A root that is itself one Delta table, such as a lake that a cut lists, is read through
 * {@link #rootSnapshot}.
 */
public final class KernelTables {

    static final String ENGINE_INFO = "TraceFlux";
    private static final String LOG_STORE_KEY = "io.delta.kernel.logStore.file.impl";
    /** Files read at once: reads of small files wait on the file system more than on the CPU. */
    private static final int READERS = 4;

    private final Engine engine;
    private final Configuration conf;
    private final String root;

    private KernelTables(String root, Configuration conf) {
        this.root = root.endsWith("/") && root.length() > 1 ? root.substring(0, root.length() - 1) : root;
        this.conf = conf;
        this.engine = DefaultEngine.create(conf);
    }

    /**
     * The tables under {@code warehouseRoot}, with {@code hadoopConf}'s file systems (a Spark
     * job passes its session's, a command line a fresh one). Local commits go through
     * {@link ExclusiveLocalLogStore} unless the configuration names another log store.
     */
    public static KernelTables open(String warehouseRoot, Configuration hadoopConf) {
        Configuration conf = new Configuration(hadoopConf);
        if (conf.get(LOG_STORE_KEY) == null) {
            conf.set(LOG_STORE_KEY, ExclusiveLocalLogStore.class.getName());
        }
        return new KernelTables(warehouseRoot, conf);
    }

    /** A transaction identifier (Delta's {@code txn} action): application id and version. */
    public record TxnId(String appId, long version) {
    }

    public String root() {
        return root;
    }

    public String path(String table) {
        return root + "/" + table;
    }

    /** The engine the tables are read and written with, for a caller that scans a snapshot itself. */
    public Engine engine() {
        return engine;
    }

    /**
     * The snapshot of the Delta table at the root itself, for a root that is one table (a lake
     * that a cut reads) rather than a warehouse of them: {@code version}, else the latest.
     *
     * @throws TableNotFoundException when the root's log has no commit
     * @throws io.delta.kernel.exceptions.KernelException when the log does not have that version
     *                                                    or Kernel cannot read the table
     */
    public Snapshot rootSnapshot(Optional<Long> version) {
        Table delta = Table.forPath(engine, root);
        return version.isPresent() ? delta.getSnapshotAsOfVersion(engine, version.get())
                : delta.getLatestSnapshot(engine);
    }

    /** The table's latest snapshot, or empty when there is no Delta table there. */
    Optional<Snapshot> snapshot(String table) {
        try {
            return Optional.of(Table.forPath(engine, path(table)).getLatestSnapshot(engine));
        } catch (TableNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * The latest version of a transaction identifier committed to the table, if any. Kernel
     * 3.3 answers this only on its snapshot implementation (what its transaction builder uses
     * to refuse a version it already holds); the project pins that Kernel release.
     */
    Optional<Long> latestTransactionVersion(Snapshot snapshot, String appId) {
        return ((io.delta.kernel.internal.SnapshotImpl) snapshot).getLatestTransactionVersion(engine, appId);
    }

    public boolean exists(String table) {
        return snapshot(table).isPresent();
    }

    /**
     * The rows of {@code table} that {@code filter} keeps (all rows when it is null), with the
     * given columns; a column the table lacks reads as null. Files whose statistics rule the
     * filter out are not opened.
     */
    public List<Map<String, Object>> read(String table, List<String> columns, RowFilter filter) {
        return snapshot(table).map(s -> read(s, columns, filter)).orElse(List.of());
    }

    /** The same, from a snapshot already loaded. */
    List<Map<String, Object>> read(Snapshot snapshot, List<String> columns, RowFilter filter) {
        StructType tableSchema = snapshot.getSchema(engine);
        if (filter != null && !tableSchema.fieldNames().contains(filter.column())) {
            return List.of();
        }
        List<String> wanted = new ArrayList<>(columns);
        if (filter != null && !wanted.contains(filter.column())) {
            wanted.add(filter.column());
        }
        StructType readSchema = new StructType();
        for (String name : wanted) {
            if (tableSchema.fieldNames().contains(name)) {
                readSchema = readSchema.add(tableSchema.get(name));
            }
        }
        ScanBuilder builder = snapshot.getScanBuilder(engine).withReadSchema(engine, readSchema);
        if (filter != null) {
            builder = builder.withFilter(engine, filter.skipping());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        scan(builder.build(), readSchema, row -> {
            if (filter == null || filter.keeps(row)) {
                rows.add(row);
            }
        });
        return rows;
    }

    /**
     * Reads the scan's files, several at a time: a table of many small files (one per
     * execution, or per audit entry) costs file opens more than bytes, which threads overlap.
     */
    private void scan(Scan scan, StructType readSchema, java.util.function.Consumer<Map<String, Object>> sink) {
        Row state = scan.getScanState(engine);
        StructType physical = io.delta.kernel.internal.data.ScanStateRow.getPhysicalDataReadSchema(engine, state);
        List<Row> scanFiles = scanFiles(scan);
        if (scanFiles.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(READERS, scanFiles.size()),
                new ParquetReaderThreads());
        try {
            List<Future<List<Map<String, Object>>>> parts = new ArrayList<>();
            scanFiles.forEach(f -> parts.add(pool.submit(() -> readFile(state, physical, f, readSchema))));
            for (Future<List<Map<String, Object>>> part : parts) {
                part.get().forEach(sink);
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + scan, e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The data files of a scan, one row each (Kernel's scan-file rows). */
    private List<Row> scanFiles(Scan scan) {
        List<Row> scanFiles = new ArrayList<>();
        forEachScanFile(scan, scanFiles::add);
        return scanFiles;
    }

    /**
     * Hands each data file of a scan to {@code sink} as Kernel's scan-file row ({@link
     * InternalScanFileUtils} reads its path, size, partition values and deletion vector), without
     * keeping them: a lake's version may hold many.
     */
    public void forEachScanFile(Scan scan, java.util.function.Consumer<Row> sink) {
        try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
            while (files.hasNext()) {
                try (CloseableIterator<Row> fileRows = files.next().getRows()) {
                    fileRows.forEachRemaining(sink);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the files of " + scan, e);
        }
    }

    /**
     * How many data files the table's latest version is made of (0 when there is no table):
     * read from the log and its checkpoint, no data file opened.
     */
    public int fileCount(String table) {
        return snapshot(table).map(s -> scanFiles(s.getScanBuilder(engine).build()).size()).orElse(0);
    }

    private List<Map<String, Object>> readFile(Row state, StructType physical, Row scanFile, StructType readSchema) {
        FileStatus file = InternalScanFileUtils.getAddFileStatus(scanFile);
        List<Map<String, Object>> rows = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> logical = Scan.transformPhysicalData(engine, state, scanFile,
                engine.getParquetHandler().readParquetFiles(single(file), physical, Optional.empty()))) {
            while (logical.hasNext()) {
                FilteredColumnarBatch batch = logical.next();
                Optional<ColumnVector> selected = batch.getSelectionVector();
                ColumnarBatch columns = batch.getData();
                for (int i = 0; i < columns.getSize(); i++) {
                    if (selected.isPresent() && (selected.get().isNullAt(i) || !selected.get().getBoolean(i))) {
                        continue;
                    }
                    Map<String, Object> row = new java.util.LinkedHashMap<>();
                    for (int c = 0; c < readSchema.length(); c++) {
                        row.put(readSchema.at(c).getName(), ValueVectors.value(columns.getColumnVector(c), i));
                    }
                    rows.add(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getPath(), e);
        }
        return rows;
    }

    /**
     * Appends {@code rows} to {@code table} as one Delta commit, creating the table with
     * {@code schemaIfNew} when it does not exist. With {@code txn}, the commit carries that
     * transaction identifier and fails with {@link ConcurrentWriteException} when the table
     * already holds the same or a later version of it, or when a concurrent commit does;
     * without, Kernel rebases it over concurrent blind appends.
     *
     * @return the committed table version
     */
    public long append(String table, StructType schemaIfNew, List<Map<String, Object>> rows,
            List<String> statsColumns, Optional<TxnId> txn) {
        return append(table, schemaIfNew, rows, statsColumns, txn, ENGINE_INFO);
    }

    /**
     * As {@link #append(String, StructType, List, List, Optional)}, with {@code engineInfo} in
     * the commit's {@code engineInfo} (after Kernel's own name and version): Kernel 3.3 cannot
     * set a commit's {@code userMetadata}, and the engine info is what a table's history shows
     * of the writer.
     */
    public long append(String table, StructType schemaIfNew, List<Map<String, Object>> rows,
            List<String> statsColumns, Optional<TxnId> txn, String engineInfo) {
        Table delta = Table.forPath(engine, path(table));
        for (int attempt = 1; ; attempt++) {
            boolean exists = exists(table);
            TransactionBuilder builder = delta.createTransactionBuilder(engine, engineInfo,
                    exists ? Operation.WRITE : Operation.CREATE_TABLE);
            if (!exists) {
                builder = builder.withSchema(engine, schemaIfNew);
            }
            if (txn.isPresent()) {
                builder = builder.withTransactionId(engine, txn.get().appId(), txn.get().version());
            }
            try {
                return commit(delta, builder.build(engine), rows, statsColumns);
            } catch (ConcurrentWriteException e) {
                // Two creators of a new table: the loser appends to the winner's table (and its
                // transaction identifier is checked against it). Any other conflict is the
                // caller's to redo, since what it wrote may depend on what it read.
                if (exists || attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    private long commit(Table delta, Transaction txn, List<Map<String, Object>> rows, List<String> statsColumns) {
        Row state = txn.getTransactionState(engine);
        StructType schema = txn.getSchema(engine);
        FilteredColumnarBatch batch = new FilteredColumnarBatch(ValueVectors.batch(schema, rows), Optional.empty());
        DataWriteContext context = Transaction.getWriteContext(engine, state, Map.of());
        List<Column> stats = statsColumns.stream().filter(schema.fieldNames()::contains).map(Column::new).toList();
        List<DataFileStatus> written = new ArrayList<>();
        try {
            CloseableIterator<FilteredColumnarBatch> physical =
                    Transaction.transformLogicalData(engine, state, single(batch), Map.of());
            try (CloseableIterator<DataFileStatus> files = engine.getParquetHandler()
                    .writeParquetFiles(context.getTargetDirectory(), physical, stats)) {
                files.forEachRemaining(written::add);
            }
            CloseableIterator<Row> actions = Transaction.generateAppendActions(engine, state,
                    iterator(written.iterator()), context);
            TransactionCommitResult result = txn.commit(engine, CloseableIterable.inMemoryIterable(actions));
            if (result.isReadyForCheckpoint()) {
                checkpoint(delta, result.getVersion());
            }
            return result.getVersion();
        } catch (ConcurrentWriteException e) {
            written.forEach(this::deleteQuietly);
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + delta.getPath(engine), e);
        }
    }

    private void checkpoint(Table delta, long version) throws IOException {
        try {
            delta.checkpoint(engine, version);
        } catch (CheckpointAlreadyExistsException e) {
            // A concurrent writer checkpointed the same version: the same file.
        }
    }

    /** Removes a data file no commit refers to (the loser of a conflict wrote it). */
    private void deleteQuietly(DataFileStatus file) {
        try {
            Path path = new Path(file.getPath());
            path.getFileSystem(conf).delete(path, false);
        } catch (IOException e) {
            // An unreferenced file is harmless: no snapshot lists it.
        }
    }

    /** The table's column names in order; empty when there is no table. */
    public List<String> snapshotColumns(String table) {
        return snapshot(table).map(s -> s.getSchema(engine).fieldNames()).orElse(List.of());
    }

    private static <T> CloseableIterator<T> single(T value) {
        return iterator(List.of(value).iterator());
    }

    private static <T> CloseableIterator<T> iterator(Iterator<T> it) {
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public T next() {
                return it.next();
            }

            @Override
            public void close() {
            }
        };
    }
}
