package io.traceflux.bundle;

import io.traceflux.warehouse.Table;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The rows a replay wrote, as it still holds them (cached, local, or collected on the driver),
 * so its bundle needs no read of the tables it has just produced. A replay output it did not
 * write (parity tables of a run without a baseline) is absent; tables other commands write
 * (governance) are read from {@code others}. Every held dataset must have its table's columns ({@link Table#conform}):
 * then the bundle equals the one {@code traceflux bundle} writes from the warehouse.
 */
public final class HeldTables implements BundleSource {

    private final Row execution;
    private final Map<Table, Dataset<Row>> held;
    private final Map<Table, List<Row>> rows;
    private final BundleSource others;

    /**
     * @param execution the executions row as written
     * @param held      the replay outputs written, each conformed to its table
     * @param rows      the rows of some of {@code held}, collected on the driver
     * @param others    where tables that are not replay outputs come from
     */
    public HeldTables(Row execution, Map<Table, Dataset<Row>> held, Map<Table, List<Row>> rows,
            BundleSource others) {
        this.execution = Objects.requireNonNull(execution, "execution");
        this.held = held.isEmpty() ? new EnumMap<>(Table.class) : new EnumMap<>(held);
        this.rows = rows.isEmpty() ? new EnumMap<>(Table.class) : new EnumMap<>(rows);
        this.others = Objects.requireNonNull(others, "others");
    }

    @Override
    public Row execution() {
        return execution;
    }

    @Override
    public Optional<Dataset<Row>> read(Table table) {
        if (held.containsKey(table)) {
            return Optional.of(held.get(table));
        }
        return Table.REPLAY_OUTPUTS.contains(table) ? Optional.empty() : others.read(table);
    }

    @Override
    public Optional<List<Row>> held(Table table) {
        return held.containsKey(table) ? Optional.ofNullable(rows.get(table)) : Optional.empty();
    }
}
