package io.traceflux.governance;

import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import io.traceflux.warehouse.Table;
import java.util.List;
import org.apache.spark.sql.types.StructField;

/**
 * The governance tables of SPEC 6.4 and 6.5 as Delta Kernel sees them: their names and columns
 * come from the one table registry ({@link Table}), translated to Kernel's types, so Spark and
 * Kernel agree on the schema whichever engine created the table. Each is a path-based Delta
 * table at {@code <warehouse>/<name>} created by its first append. Columns are nullable, as
 * Spark writes them. {@code audit_seq} ties an approval or promotion row to the audit entry
 * that recorded it.
 */
public final class GovernanceTables {

    public static final String APPROVALS = Table.APPROVALS.tableName();
    public static final String PROMOTIONS = Table.PROMOTIONS.tableName();
    public static final String AUDIT_LOG = Table.AUDIT_LOG.tableName();

    public static final StructType APPROVALS_SCHEMA = kernel(Table.APPROVALS.schema());
    public static final StructType PROMOTIONS_SCHEMA = kernel(Table.PROMOTIONS.schema());
    public static final StructType AUDIT_LOG_SCHEMA = kernel(Table.AUDIT_LOG.schema());

    /** Columns whose per-file min/max are recorded, so that reads by them open few files. */
    static final List<String> APPROVALS_STATS = List.of("execution_id");
    static final List<String> PROMOTIONS_STATS = List.of("policy_id", "execution_id");
    static final List<String> AUDIT_LOG_STATS = List.of("seq", "execution_id", "action");

    private GovernanceTables() {
    }

    static List<String> columns(StructType schema) {
        return schema.fieldNames();
    }

    /** A Spark schema of the registry as Kernel's, field for field (the types the tables use). */
    static StructType kernel(org.apache.spark.sql.types.StructType spark) {
        StructType out = new StructType();
        for (StructField f : spark.fields()) {
            out = out.add(f.name(), kernel(f.dataType()), f.nullable());
        }
        return out;
    }

    private static DataType kernel(org.apache.spark.sql.types.DataType t) {
        if (t instanceof org.apache.spark.sql.types.StringType) {
            return StringType.STRING;
        } else if (t instanceof org.apache.spark.sql.types.LongType) {
            return LongType.LONG;
        } else if (t instanceof org.apache.spark.sql.types.IntegerType) {
            return IntegerType.INTEGER;
        } else if (t instanceof org.apache.spark.sql.types.DoubleType) {
            return DoubleType.DOUBLE;
        } else if (t instanceof org.apache.spark.sql.types.BooleanType) {
            return BooleanType.BOOLEAN;
        } else if (t instanceof org.apache.spark.sql.types.TimestampType) {
            return TimestampType.TIMESTAMP;
        } else if (t instanceof org.apache.spark.sql.types.ArrayType a) {
            return new ArrayType(kernel(a.elementType()), a.containsNull());
        } else if (t instanceof org.apache.spark.sql.types.MapType m) {
            return new MapType(kernel(m.keyType()), kernel(m.valueType()), m.valueContainsNull());
        } else if (t instanceof org.apache.spark.sql.types.StructType s) {
            return kernel(s);
        }
        throw new IllegalArgumentException("no Kernel type for " + t.simpleString());
    }
}
