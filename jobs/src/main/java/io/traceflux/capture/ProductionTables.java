package io.traceflux.capture;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.traceflux.InvalidInputException;
import io.traceflux.spark.ScalaSeqs;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Production's tables as a cut reads them (SPEC 2.2, 2.4): incidents ({@code --incidents}),
 * membership ({@code --membership}) and optionally actions ({@code --actions}), each a Delta
 * table pinned at open or a Parquet folder. Their columns are checked when they are opened;
 * {@code opened_at} and {@code fired_at} may be timestamps or text in the {@code ts} grammar,
 * and are written to the capture as timestamps.
 */
final class ProductionTables {

    static final String INCIDENTS = "incidents";
    static final String MEMBERSHIP = "membership";
    static final String ACTIONS = "actions";

    private static final DataType STRING = DataTypes.StringType;
    private static final DataType STRINGS = DataTypes.createArrayType(DataTypes.StringType);

    private final Table incidents;
    private final Table membership;
    private final Optional<Table> actions;

    /** One opened table, its rows as stored and the timestamp column it has (if any). */
    private record Table(SourceTable source, Dataset<Row> rows, Optional<String> timestampColumn) {

        /** The rows with the timestamp column as a timestamp. */
        Dataset<Row> normalized() {
            return timestampColumn.map(c -> rows.withColumn(c, asTimestamp(rows, c))).orElse(rows);
        }
    }

    private ProductionTables(Table incidents, Table membership, Optional<Table> actions) {
        this.incidents = incidents;
        this.membership = membership;
        this.actions = actions;
    }

    /** Opens and checks the tables; reads their logs and schemas, no rows. */
    static ProductionTables open(SparkSession spark, TableRef incidents, TableRef membership,
                                 Optional<TableRef> actions) {
        Table i = open(spark, "--incidents", incidents, "opened_at",
                List.of("incident_id", "severity"));
        requireType(i, "title", STRING, false);
        requireType(i, "services", STRINGS, false);
        Table m = open(spark, "--membership", membership, null, List.of("incident_id", "signal_id"));
        Optional<Table> a = actions.map(ref -> open(spark, "--actions", ref, "fired_at",
                List.of("incident_id", "action_id", "kind", "target")));
        return new ProductionTables(i, m, a);
    }

    /** When production opened {@code incidentId}; empty when the incidents table lacks it. */
    Optional<Timestamp> openedAt(String incidentId) {
        List<Row> rows = incidents.normalized().filter(col("incident_id").equalTo(incidentId))
                .select("opened_at").collectAsList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(rows.stream().filter(r -> !r.isNullAt(0)).map(r -> r.getTimestamp(0))
                .min(Timestamp::compareTo)
                .orElseThrow(() -> new InvalidInputException(incidents.source().subject()
                        + ": incident " + incidentId + " has no readable opened_at")));
    }

    /** The distinct signal ids production lists for {@code incidentId}. */
    Dataset<Row> members(String incidentId) {
        return membership.rows().filter(col("incident_id").equalTo(incidentId))
                .select("signal_id").distinct();
    }

    String membershipSubject() {
        return membership.source().subject();
    }

    String incidentsSubject() {
        return incidents.source().subject();
    }

    /**
     * Writes {@code baseline/} for the cut signals: their membership rows, the incidents those
     * rows name, and those incidents' actions, every column as production has it (timestamps
     * as timestamps). Delta tables, one commit each. Each restricted table is cached while it
     * is checked, written and (for membership) used to restrict the next.
     */
    BaselineCounts writeFor(Dataset<Row> cutSignalIds, Path baselineDir) {
        Dataset<Row> members = membership.rows()
                .join(cutSignalIds, ScalaSeqs.of(List.of("signal_id")), "left_semi").persist();
        try {
            long memberRows = DeltaWrites.create(members, new Path(baselineDir, MEMBERSHIP).toString());
            Dataset<Row> incidentIds = members.select("incident_id").distinct();
            long incidentRows = writeRestricted(incidents, incidentIds, new Path(baselineDir, INCIDENTS));
            Optional<Long> actionRows = actions.map(a ->
                    writeRestricted(a, incidentIds, new Path(baselineDir, ACTIONS)));
            return new BaselineCounts(incidentRows, memberRows, actionRows);
        } finally {
            members.unpersist();
        }
    }

    /** What capture.json records of the tables read: path, format and version each. */
    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.set(INCIDENTS, incidents.source().toJson());
        node.set(MEMBERSHIP, membership.source().toJson());
        actions.ifPresent(a -> node.set(ACTIONS, a.source().toJson()));
        return node;
    }

    private long writeRestricted(Table table, Dataset<Row> incidentIds, Path out) {
        Dataset<Row> rows = table.rows().join(incidentIds, ScalaSeqs.of(List.of("incident_id")),
                "left_semi").persist();
        try {
            table.timestampColumn().ifPresent(c -> refuseUnreadable(table, rows, c));
            return DeltaWrites.create(table.timestampColumn()
                    .map(c -> rows.withColumn(c, asTimestamp(rows, c))).orElse(rows), out.toString());
        } finally {
            rows.unpersist();
        }
    }

    /** Text that is not a timestamp would turn into a null the replay cannot tell from none. */
    private static void refuseUnreadable(Table table, Dataset<Row> rows, String column) {
        if (!rows.schema().apply(column).dataType().equals(STRING)) {
            return;
        }
        List<Row> bad = rows.filter(col(column).isNotNull()
                        .and(TimestampText.parse(col(column)).isNull()))
                .select(col("incident_id"), col(column)).limit(1).collectAsList();
        if (!bad.isEmpty()) {
            throw new InvalidInputException(table.source().subject() + ": column " + column
                    + " is not a timestamp like 2026-11-20T10:03:07.125Z in a row of incident "
                    + bad.get(0).getString(0) + ": '" + bad.get(0).getString(1) + "'");
        }
    }

    private static Column asTimestamp(Dataset<Row> rows, String column) {
        DataType type = rows.schema().apply(column).dataType();
        return type.equals(STRING) ? TimestampText.parse(col(column))
                : col(column).cast(DataTypes.TimestampType);
    }

    private static Table open(SparkSession spark, String option, TableRef ref, String timestamp,
                              List<String> strings) {
        SourceTable source = SourceTable.open(spark, ref, option);
        Dataset<Row> rows = source.read(spark);
        Table table = new Table(source, rows, Optional.ofNullable(timestamp));
        for (String name : strings) {
            requireType(table, name, STRING, true);
        }
        if (timestamp != null) {
            StructField field = field(table, timestamp, true);
            DataType type = field.dataType();
            if (!type.equals(DataTypes.TimestampType) && !type.equals(DataTypes.TimestampNTZType)
                    && !type.equals(STRING)) {
                throw wrongType(table, field, "timestamp, timestamp_ntz or string");
            }
        }
        return table;
    }

    private static void requireType(Table table, String name, DataType type, boolean required) {
        StructField field = field(table, name, required);
        if (field != null && !field.dataType().equals(type)) {
            throw wrongType(table, field, type.simpleString());
        }
    }

    /** Exact column names: the replay reads these tables by the same names. */
    private static StructField field(Table table, String name, boolean required) {
        Optional<StructField> field = Arrays.stream(table.rows().schema().fields())
                .filter(f -> f.name().equals(name)).findFirst();
        if (field.isEmpty() && required) {
            throw new InvalidInputException(table.source().subject() + ": column " + name
                    + " is missing");
        }
        return field.orElse(null);
    }

    private static InvalidInputException wrongType(Table table, StructField field, String expected) {
        return new InvalidInputException(table.source().subject() + ": column " + field.name()
                + " has type " + field.dataType().simpleString() + ", expected " + expected);
    }
}
