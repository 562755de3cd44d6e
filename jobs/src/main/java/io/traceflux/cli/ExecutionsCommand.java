package io.traceflux.cli;

import static org.apache.spark.sql.functions.col;

import io.traceflux.ExitCode;
import io.traceflux.InvalidInputException;
import io.traceflux.spark.Sessions;
import io.traceflux.warehouse.Table;
import io.traceflux.warehouse.Warehouse;
import java.util.List;
import java.util.concurrent.Callable;
import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code traceflux executions list|show ID}: the run history, newest first. */
@Command(name = "executions", mixinStandardHelpOptions = true,
        description = "The run history from the executions table.",
        subcommands = {ExecutionsCommand.ListCmd.class, ExecutionsCommand.Show.class},
        footer = {"", "Examples:", "  traceflux executions list --limit 20", "  traceflux executions show exec-20261125-083412-3f9a1c"})
final class ExecutionsCommand {

    private static Dataset<Row> executions(SparkSession spark, Warehouse warehouse) {
        String path = warehouse.tablePath(Table.EXECUTIONS);
        if (!DeltaTable.isDeltaTable(spark, path)) {
            throw new InvalidInputException("no executions table at " + path + ": nothing has run against this warehouse");
        }
        return spark.read().format("delta").load(path);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List executions, newest first.",
            footer = {"", "Example:", "  traceflux executions list --warehouse ./warehouse --limit 20"})
    static final class ListCmd implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(names = "--limit", defaultValue = "50", description = "At most this many rows (default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            SparkSession spark = Sessions.forJob("traceflux executions list", common.master);
            List<Row> rows = executions(spark, common.warehouse())
                    .orderBy(col("started_at").desc(), col("execution_id"))
                    .select("execution_id", "status", "mode", "started_at", "policy_id", "policy_version",
                            "capture_id", "selected_rows", "incidents", "triggered_by")
                    .limit(limit).collectAsList();
            System.out.printf("%-36s %-10s %-8s %-20s %-24s %-28s %9s %9s %s%n", "execution_id", "status", "mode",
                    "started_at (UTC)", "policy", "capture", "selected", "incidents", "triggered_by");
            for (Row r : rows) {
                System.out.printf("%-36s %-10s %-8s %-20s %-24s %-28s %9s %9s %s%n", r.get(0), r.get(1), r.get(2),
                        String.valueOf(r.get(3)).replaceFirst("\\.\\d+$", ""), r.get(4) + "@v" + r.get(5), r.get(6),
                        r.get(7), r.get(8), r.get(9));
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Every recorded field of one execution.",
            footer = {"", "Example:", "  traceflux executions show exec-20261125-083412-3f9a1c"})
    static final class Show implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            SparkSession spark = Sessions.forJob("traceflux executions show", common.master);
            Dataset<Row> one = executions(spark, common.warehouse()).filter(col("execution_id").equalTo(id));
            List<Row> rows = one.collectAsList();
            if (rows.isEmpty()) {
                throw new InvalidInputException("no execution '" + id + "' in " + common.warehouse().tablePath(Table.EXECUTIONS));
            }
            String[] names = one.columns();
            for (int i = 0; i < names.length; i++) {
                System.out.printf("%-20s %s%n", names[i], rows.get(0).get(i));
            }
            return ExitCode.OK;
        }
    }
}
