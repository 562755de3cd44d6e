package io.traceflux.parity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.traceflux.InvalidInputException;
import io.traceflux.policy.Severity;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The attributes of one incident that the parity report compares.
 *
 * @param id       incident id
 * @param severity canonical severity name; baseline text is matched case-insensitively, and
 *                 anything that is not a canonical name (null included) is {@code unknown}
 * @param openedAt null when unknown
 * @param title    null when unknown
 * @param services sorted, or null when the side does not record them
 */
record IncidentView(String id, Severity severity, Instant openedAt, String title, List<String> services) {

    /** An incident that membership names but the incidents table lacks. */
    static IncidentView unknown(String id) {
        return new IncidentView(id, Severity.UNKNOWN, null, null, null);
    }

    /**
     * The incidents among {@code wanted}, collected to the driver (incidents are few).
     *
     * @throws InvalidInputException when an incident id appears twice
     */
    static Map<String, IncidentView> collect(Dataset<Row> incidents, Set<String> wanted, String side) {
        List<Row> rows = incidents
                .select(col("incident_id"), col("severity").cast(DataTypes.StringType), col("opened_at"),
                        optional(incidents, "title", DataTypes.StringType),
                        optional(incidents, "services", DataTypes.createArrayType(DataTypes.StringType)))
                .collectAsList();
        Map<String, IncidentView> views = new HashMap<>();
        for (Row row : rows) {
            String id = row.getString(0);
            if (!wanted.contains(id)) {
                continue;
            }
            if (views.put(id, of(row)) != null) {
                throw new InvalidInputException(side + " incidents: incident_id '" + id + "' appears more than once");
            }
        }
        return views;
    }

    private static Column optional(Dataset<Row> incidents, String name, DataType type) {
        return Arrays.asList(incidents.columns()).contains(name) ? col(name).cast(type) : lit(null).cast(type);
    }

    private static IncidentView of(Row row) {
        Severity severity = Severity.fromCanonical(row.getString(1)).orElse(Severity.UNKNOWN);
        return new IncidentView(row.getString(0), severity, instant(row.get(2)), row.getString(3), sorted(row, 4));
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        return (Instant) value;
    }

    private static List<String> sorted(Row row, int index) {
        if (row.isNullAt(index)) {
            return null;
        }
        List<String> values = new ArrayList<>(row.getList(index));
        values.removeIf(Objects::isNull);
        values.sort(CodePointOrder.COMPARATOR);
        return values;
    }
}
