package io.traceflux.cli;

import io.traceflux.governance.ControlPlane;
import io.traceflux.warehouse.Warehouse;
import picocli.CommandLine.Option;

/** The warehouse of a command that reads the control plane without Spark. */
final class WarehouseOption {

    @Option(names = "--warehouse", paramLabel = "URI",
            description = "Warehouse root (local folder or Hadoop URI). Default: $TRACEFLUX_WAREHOUSE, else ./warehouse.")
    String warehouse;

    Warehouse warehouse() {
        return CommonOptions.resolve(warehouse);
    }

    ControlPlane controlPlane() {
        return ControlPlane.open(warehouse().root());
    }
}
