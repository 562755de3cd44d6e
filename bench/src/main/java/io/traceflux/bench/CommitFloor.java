package io.traceflux.bench;

import io.traceflux.governance.KernelOutputs;
import io.traceflux.spark.Sessions;
import io.traceflux.warehouse.CreateTables;
import io.traceflux.warehouse.ExecutionWriter;
import io.traceflux.warehouse.HeldRowsAppender;
import io.traceflux.warehouse.Table;
import io.traceflux.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * What a replay's commits cost a fresh process, with nothing else to do: one execution's rows of
 * every output table, taken from a warehouse a replay wrote, written again into a warehouse whose
 * tables exist, the way the replay writes them (side by side, one commit each), then its
 * executions row appended and replaced as a run records its start and end.
 *
 * <p>Usage: {@code CommitFloor create TARGET} makes the tables; {@code CommitFloor spark|held
 * SOURCE EXECUTION TARGET} writes them: {@code spark} with Spark's Delta writer only, {@code held}
 * with every table appended by Delta Kernel, as a run over a capture as small as the sample does
 * (its incident-level and signal-level tables are all held). The source rows
 * are read through Spark before the clock starts: Spark's query path is then warm, as at the end
 * of a replay, and its Delta write path cold, as in a replay.
 */
public final class CommitFloor {

    private CommitFloor() {
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        SparkSession spark = Sessions.forJob("traceflux bench commit floor", null);
        spark.conf().set("spark.sql.shuffle.partitions", "2");
        if (args[0].equals("create")) {
            List<Table> tables = new ArrayList<>(Table.REPLAY_OUTPUTS);
            tables.add(Table.EXECUTIONS);
            new CreateTables(spark, new Warehouse(args[1])).ifMissing(tables);
            spark.stop();
            return;
        }
        Warehouse source = new Warehouse(args[1]);
        String execution = args[2];
        Warehouse target = new Warehouse(args[3]);
        Map<Table, Dataset<Row>> tables = new EnumMap<>(Table.class);
        Map<Table, List<Row>> held = new EnumMap<>(Table.class);
        for (Table table : Table.REPLAY_OUTPUTS) {
            List<Row> rows = rowsOf(spark, source, table, execution);
            tables.put(table, spark.createDataFrame(rows, table.schema()));
            held.put(table, rows);
        }
        Dataset<Row> record = spark.createDataFrame(rowsOf(spark, source, Table.EXECUTIONS, execution),
                Table.EXECUTIONS.schema());
        ExecutionWriter writer = new ExecutionWriter(spark, target, execution, "0".repeat(64));
        HeldRowsAppender appender = args[0].equals("held")
                ? KernelOutputs.of(target, spark.sparkContext().hadoopConfiguration(), writer.commitMetadata())
                : HeldRowsAppender.NONE;
        long ready = System.nanoTime();
        writer.append(Table.EXECUTIONS, record);
        long appended = System.nanoTime();
        writer.writeAll(tables, held, appender, false);
        long written = System.nanoTime();
        writer.replace(Table.EXECUTIONS, record);
        long done = System.nanoTime();
        System.out.printf("commit floor (%s): session and source rows %.1f s, executions append %.1f s, "
                + "%d tables %.1f s, executions replace %.1f s, commits in all %.1f s%n", args[0],
                seconds(started, ready), seconds(ready, appended), tables.size(), seconds(appended, written),
                seconds(written, done), seconds(ready, done));
        spark.stop();
    }

    private static List<Row> rowsOf(SparkSession spark, Warehouse source, Table table, String execution) {
        return table.conform(spark.read().format("delta").load(source.tablePath(table))
                .where(functions.col(Table.EXECUTION_ID).equalTo(execution))).collectAsList();
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}
