package io.traceflux.capture;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.timestamp_micros;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Parquet {@code TIMESTAMP(NANOS)} columns, which pandas and pyarrow write by default. Spark 3.5
 * reads them only as nanosecond longs ({@code spark.sql.legacy.parquet.nanosAsLong}), so a
 * {@code ts} read as a long is turned back into a timestamp when the file says it is one,
 * truncated to microseconds (SPEC 3.2); a long {@code ts} that is not is left for the schema
 * check to refuse.
 */
final class ParquetNanos {

    private ParquetNanos() {
    }

    static Dataset<Row> restoreTimestamp(Dataset<Row> rows, Configuration conf, String signalsPath) {
        if (!rows.schema().getFieldIndex("ts").isDefined()
                || !rows.schema().apply("ts").dataType().equals(DataTypes.LongType)
                || !storedAsNanos(conf, signalsPath)) {
            return rows;
        }
        Column nanos = col("ts");
        Column micros = nanos.minus(pmod(nanos, lit(1000L))).cast("decimal(20,0)").divide(1000).cast("long");
        return rows.withColumn("ts", timestamp_micros(micros));
    }

    private static boolean storedAsNanos(Configuration conf, String signalsPath) {
        try {
            Path dir = new Path(signalsPath);
            FileSystem fs = dir.getFileSystem(conf);
            for (FileStatus f : fs.listStatus(dir)) {
                if (f.isFile() && f.getPath().getName().endsWith(".parquet")) {
                    return isNanos(footerSchema(conf, f.getPath()));
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageType footerSchema(Configuration conf, Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
            return reader.getFooter().getFileMetaData().getSchema();
        }
    }

    private static boolean isNanos(MessageType schema) {
        if (!schema.containsField("ts")) {
            return false;
        }
        LogicalTypeAnnotation type = schema.getType("ts").getLogicalTypeAnnotation();
        return type instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t
                && t.getUnit() == LogicalTypeAnnotation.TimeUnit.NANOS;
    }
}
