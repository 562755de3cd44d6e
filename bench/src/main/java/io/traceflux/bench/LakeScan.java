package io.traceflux.bench;

import io.traceflux.spark.Sessions;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * The full scan a cut is compared with: every column of every file of the lake's current
 * version, read and dropped (Spark's {@code noop} sink), so the time is the scan's alone.
 *
 * <p>Usage: {@code LakeScan <lake-dir>}; prints {@code full scan in <seconds> s}.
 */
public final class LakeScan {

    private LakeScan() {
    }

    public static void main(String[] args) {
        SparkSession spark = Sessions.forJob("traceflux bench full lake scan", null);
        long started = System.nanoTime();
        spark.read().format("delta").load(args[0]).write().format("noop").mode("overwrite").save();
        System.out.printf(Locale.ROOT, "full scan in %.2f s%n", (System.nanoTime() - started) / 1e9);
        spark.stop();
    }
}
