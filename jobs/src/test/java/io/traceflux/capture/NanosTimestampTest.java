package io.traceflux.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet written with nanosecond timestamps (pandas' default) replays, truncated to microseconds. */
class NanosTimestampTest extends SparkTestBase {

    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message signals {
              optional binary signal_id (STRING);
              optional int64 ts (TIMESTAMP(NANOS,true));
              optional binary service (STRING);
              optional binary region (STRING);
              optional binary pop (STRING);
              optional binary host (STRING);
              optional binary check (STRING);
              optional binary severity (STRING);
              optional group labels (MAP) {
                repeated group key_value {
                  required binary key (STRING);
                  optional binary value (STRING);
                }
              }
            }""");

    @TempDir
    Path dir;

    @Test
    void nanosecondTimestampsAreReadAndTruncatedToMicroseconds() throws Exception {
        Files.writeString(dir.resolve("capture.json"), "{\"capture_id\":\"ns\",\"window_start\":\"2026-11-20T10:00:00Z\","
                + "\"window_end\":\"2026-11-20T10:10:00Z\"}");
        Files.createDirectories(dir.resolve("signals"));
        // 2026-11-20T10:00:01.123456789Z and one nanosecond before the window.
        long inside = 1_795_168_801_123_456_789L;
        long before = 1_795_168_800_000_000_000L - 1;
        try (ParquetWriter<Group> writer = ExampleParquetWriter
                .builder(new org.apache.hadoop.fs.Path(dir.resolve("signals/part-0.parquet").toString()))
                .withType(SCHEMA).withConf(new Configuration()).build()) {
            SimpleGroupFactory rows = new SimpleGroupFactory(SCHEMA);
            writer.write(rows.newGroup().append("signal_id", "a").append("ts", inside).append("severity", "major"));
            writer.write(rows.newGroup().append("signal_id", "b").append("ts", before).append("severity", "major"));
        }

        Capture capture = Capture.open(spark, CaptureRef.parse(dir.toString()));
        List<Row> rows = new Quarantine(capture.manifest().window()).apply(capture.signals(spark))
                .selectExpr("signal_id", "cast(unix_micros(ts) as string)", "quarantine_reason")
                .orderBy("signal_id").collectAsList();

        assertThat(rows.get(0).toString()).isEqualTo("[a,1795168801123456,null]");
        assertThat(rows.get(1).toString()).isEqualTo("[b,1795168799999999,outside_capture_window]");
    }
}
