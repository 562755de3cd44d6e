package io.traceflux.bench;

import io.traceflux.spark.Sessions;
import org.apache.spark.sql.SparkSession;

/**
 * The floor: the least a Spark job can do with a capture, with the replay's own session
 * settings: read its Parquet once and write it once to a new Delta table.
 *
 * <p>Usage: {@code Floor <signals-dir> <delta-out-dir>}.
 */
public final class Floor {

    private Floor() {
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        SparkSession spark = Sessions.forJob("traceflux bench floor", null);
        long ready = System.nanoTime();
        spark.read().parquet(args[0]).write().format("delta").mode("overwrite").save(args[1]);
        long done = System.nanoTime();
        System.out.printf("floor: session %.1f s, read+write %.1f s%n", (ready - started) / 1e9, (done - ready) / 1e9);
        spark.stop();
    }
}
