package io.traceflux.warehouse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.SparkTestBase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several executions writing one existing table at the same moment: re-runs (a replace of
 * their own rows) beside new executions (blind appends). A replace that meets another commit
 * is retried, so every execution ends with exactly its last rows. The same race across JVMs,
 * with whole replays, is {@code cli.ConcurrentReplaysTest}.
 */
class ExecutionWriterTest extends SparkTestBase {

    @TempDir
    static Path dir;

    @Test
    void replacesAndAppendsOfDifferentExecutionsAtOnceEachLandExactlyOnce() throws Exception {
        Warehouse warehouse = new Warehouse(dir.toString());
        for (String id : List.of("a", "b")) {
            writer(warehouse, id).append(Table.QUARANTINE, rows(id, 5));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 1; round <= 2; round++) {
                int n = round;
                List<Future<?>> writes = new ArrayList<>();
                for (String id : List.of("a", "b")) {
                    writes.add(pool.submit(() -> writer(warehouse, id).replace(Table.QUARANTINE, rows(id, n))));
                }
                String fresh = "new" + round;
                writes.add(pool.submit(() -> writer(warehouse, fresh).append(Table.QUARANTINE, rows(fresh, 2))));
                for (Future<?> w : writes) {
                    w.get();
                }
            }
        } finally {
            pool.shutdownNow();
        }

        Map<String, Long> counts = new TreeMap<>();
        spark.read().format("delta").load(warehouse.tablePath(Table.QUARANTINE)).groupBy("execution_id").count()
                .collectAsList().forEach(r -> counts.put(r.getString(0), r.getLong(1)));
        assertThat(counts).containsExactlyEntriesOf(new TreeMap<>(Map.of("a", 2L, "b", 2L, "new1", 2L, "new2", 2L)));
    }

    @Test
    void heldRowsGoToTheAppenderOnlyForABlindAppendAndSparkWritesWhatItDeclines() {
        Warehouse warehouse = new Warehouse(dir.resolve("held").toString());
        Dataset<Row> incidents = rows("h", 3);
        Dataset<Row> impact = rows("h", 2);
        Map<Table, List<Row>> held = Map.of(Table.REPLAY_INCIDENTS, incidents.collectAsList(),
                Table.RULE_IMPACT, impact.collectAsList());
        List<String> offered = new ArrayList<>();
        HeldRowsAppender appender = (table, rows) -> {
            offered.add(table.tableName() + ":" + rows.size());
            // Accepts replay_incidents (and writes nothing: the test only sees what it was offered).
            return table == Table.REPLAY_INCIDENTS;
        };
        Map<Table, Dataset<Row>> tables = Map.of(Table.REPLAY_INCIDENTS, incidents, Table.RULE_IMPACT, impact,
                Table.QUARANTINE, rows("h", 4));

        writer(warehouse, "h").writeAll(tables, held, appender, false);

        assertThat(offered).containsExactlyInAnyOrder("replay_incidents:3", "rule_impact:2");
        assertThat(dir.resolve("held").resolve("replay_incidents")).doesNotExist();
        assertThat(count(warehouse, Table.RULE_IMPACT)).isEqualTo(2);
        assertThat(count(warehouse, Table.QUARANTINE)).isEqualTo(4);

        offered.clear();
        writer(warehouse, "h").writeAll(tables, held, appender, true);

        assertThat(offered).isEmpty();
        assertThat(count(warehouse, Table.REPLAY_INCIDENTS)).isEqualTo(3);
        assertThat(count(warehouse, Table.RULE_IMPACT)).isEqualTo(2);
    }

    private static long count(Warehouse warehouse, Table table) {
        return spark.read().format("delta").load(warehouse.tablePath(table)).count();
    }

    private static ExecutionWriter writer(Warehouse warehouse, String id) {
        return new ExecutionWriter(spark, warehouse, id, "0".repeat(64));
    }

    private static Dataset<Row> rows(String id, int n) {
        return spark.range(n).select(lit(id).as("execution_id"), col("id").as("row"));
    }
}
