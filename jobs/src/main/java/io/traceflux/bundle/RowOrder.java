package io.traceflux.bundle;

import io.traceflux.parity.CodePointOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;

/**
 * The order an exported table's rows take: its sort key's columns, then every other column
 * that is not a map, array or struct, each ascending with nulls first. Spark sorts a table's
 * rows by {@link #columns}; rows already on the driver are sorted by {@link #comparator},
 * which orders values as Spark does (strings by code point, {@code -0.0} equal to {@code 0.0},
 * NaN above every number), so both give the same file.
 */
final class RowOrder {

    private RowOrder() {
    }

    /** The columns rows are ordered by: the key columns the schema has, then its other atomic columns. */
    static List<String> columns(StructType schema, List<String> sortKey) {
        List<String> names = List.of(schema.fieldNames());
        List<String> order = new ArrayList<>();
        sortKey.stream().filter(names::contains).forEach(order::add);
        for (StructField f : schema.fields()) {
            DataType type = f.dataType();
            boolean nested = type instanceof MapType || type instanceof ArrayType || type instanceof StructType;
            if (!nested && !sortKey.contains(f.name())) {
                order.add(f.name());
            }
        }
        return order;
    }

    /**
     * Spark's ascending order over {@link #columns} for rows with {@code schema}; empty when a
     * column has a type this class does not order (the rows are then sorted by Spark).
     */
    static Optional<Comparator<Row>> comparator(StructType schema, List<String> sortKey) {
        Comparator<Row> order = (a, b) -> 0;
        for (String name : columns(schema, sortKey)) {
            int index = schema.fieldIndex(name);
            Optional<Comparator<Object>> values = values(schema.fields()[index].dataType());
            if (values.isEmpty()) {
                return Optional.empty();
            }
            Comparator<Object> nullsFirst = Comparator.nullsFirst(values.get());
            order = order.thenComparing(row -> row.get(index), nullsFirst);
        }
        return Optional.of(order);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Optional<Comparator<Object>> values(DataType type) {
        if (type instanceof StringType) {
            return Optional.of((a, b) -> CodePointOrder.COMPARATOR.compare((String) a, (String) b));
        }
        if (type instanceof IntegralType) {
            return Optional.of((a, b) -> Long.compare(((Number) a).longValue(), ((Number) b).longValue()));
        }
        if (type instanceof DoubleType || type instanceof FloatType) {
            return Optional.of((a, b) -> compareDoubles(((Number) a).doubleValue(), ((Number) b).doubleValue()));
        }
        if (type instanceof BooleanType || type instanceof TimestampType || type instanceof DateType
                || type instanceof DecimalType) {
            return Optional.of((a, b) -> ((Comparable) a).compareTo(b));
        }
        return Optional.empty();
    }

    /** As Spark compares doubles: equal when {@code ==} (so {@code -0.0 == 0.0}), else NaN last. */
    private static int compareDoubles(double a, double b) {
        return a == b ? 0 : Double.compare(a, b);
    }
}
