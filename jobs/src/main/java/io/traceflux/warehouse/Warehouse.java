package io.traceflux.warehouse;

import java.util.Objects;

/**
 * The root under which every output table lives as a path-based Delta table
 * ({@code <root>/<table>}, SPEC 5): a local folder by default, any Hadoop URI on a cluster.
 */
public record Warehouse(String root) {

    public Warehouse {
        Objects.requireNonNull(root, "warehouse root");
        root = root.endsWith("/") && root.length() > 1 ? root.substring(0, root.length() - 1) : root;
    }

    public String tablePath(Table table) {
        return root + "/" + table.tableName();
    }

    /** Where the evidence bundle of an execution goes (SPEC 5). */
    public String bundlePath(String executionId) {
        return root + "/bundles/" + executionId;
    }
}
