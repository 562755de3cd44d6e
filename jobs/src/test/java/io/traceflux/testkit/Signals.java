package io.traceflux.testkit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Builds tiny signal DataFrames with the SPEC 2.1 schema for tests:
 * {@code Signals.at("2026-11-20T10:00:00Z").add("a", 0, s -> s.check("x"))}.
 */
public final class Signals {

    public static final StructType SCHEMA = new StructType()
            .add("signal_id", DataTypes.StringType)
            .add("ts", DataTypes.TimestampType)
            .add("service", DataTypes.StringType)
            .add("region", DataTypes.StringType)
            .add("pop", DataTypes.StringType)
            .add("host", DataTypes.StringType)
            .add("check", DataTypes.StringType)
            .add("severity", DataTypes.StringType)
            .add("labels", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
            .add("source", DataTypes.StringType)
            .add("status", DataTypes.StringType);

    private final Instant origin;
    private final List<Row> rows = new ArrayList<>();

    private Signals(Instant origin) {
        this.origin = origin;
    }

    public static Signals at(String origin) {
        return new Signals(Instant.parse(origin));
    }

    /** A signal {@code micros} after the origin with defaults changed by {@code edit}. */
    public Signals add(String id, long micros, java.util.function.UnaryOperator<Signal> edit) {
        Signal s = edit.apply(new Signal(id, origin.plusNanos(micros * 1_000)));
        rows.add(s.toRow());
        return this;
    }

    public Signals add(String id, long micros) {
        return add(id, micros, s -> s);
    }

    public Dataset<Row> build(SparkSession spark) {
        return spark.createDataFrame(rows, SCHEMA);
    }

    public static long seconds(long s) {
        return s * 1_000_000L;
    }

    /** One signal's values; every setter returns this for chaining. */
    public static final class Signal {
        private final String id;
        private Instant ts;
        private String service = "api";
        private String region = "eu-west";
        private String pop = "fra1";
        private String host = "host-1";
        private String check = "http";
        private String severity = "critical";
        private Map<String, String> labels = new LinkedHashMap<>();
        private String source;
        private String status;

        private Signal(String id, Instant ts) {
            this.id = id;
            this.ts = ts;
        }

        public Signal service(String v) { service = v; return this; }
        public Signal region(String v) { region = v; return this; }
        public Signal pop(String v) { pop = v; return this; }
        public Signal host(String v) { host = v; return this; }
        public Signal check(String v) { check = v; return this; }
        public Signal severity(String v) { severity = v; return this; }
        public Signal source(String v) { source = v; return this; }
        public Signal label(String k, String v) { labels.put(k, v); return this; }
        public Signal noLabels() { labels = null; return this; }
        public Signal noTs() { ts = null; return this; }

        private Row toRow() {
            return RowFactory.create(id, ts == null ? null : Timestamp.from(ts), service, region, pop, host, check, severity,
                    labels == null ? null : scala.collection.JavaConverters.mapAsScalaMap(labels).toMap(scala.Predef.$conforms()),
                    source, status);
        }
    }
}
