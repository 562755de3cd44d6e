package io.traceflux.cli;

import io.traceflux.warehouse.Warehouse;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every Spark-backed subcommand takes: where the warehouse is and which master. */
final class CommonOptions {

    @Option(names = "--warehouse", paramLabel = "URI",
            description = "Warehouse root (local folder or Hadoop URI). Default: $TRACEFLUX_WAREHOUSE, else ./warehouse.")
    String warehouse;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master URL. Default: what spark-submit set, else local[*].")
    String master;

    Warehouse warehouse() {
        return resolve(warehouse);
    }

    /** {@code given}, else $TRACEFLUX_WAREHOUSE, else ./warehouse; a bare local path made absolute. */
    static Warehouse resolve(String given) {
        String root = given != null ? given : System.getenv("TRACEFLUX_WAREHOUSE");
        if (root == null || root.isBlank()) {
            root = "warehouse";
        }
        // A bare local path becomes absolute so that the tables do not move with the working directory.
        return new Warehouse(root.contains("://") || root.startsWith("file:") ? root
                : Path.of(root).toAbsolutePath().normalize().toString());
    }
}
