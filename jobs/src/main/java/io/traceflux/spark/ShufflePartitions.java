package io.traceflux.spark;

import org.apache.spark.sql.SparkSession;

/**
 * Sizes {@code spark.sql.shuffle.partitions} to the window being replayed, unless whoever
 * started the session chose a value. A fixed count is wrong at one end or the other: eight
 * partitions of ten million signals give each task more than a 2 GiB driver can sort and
 * buffer for a window, and hundreds of partitions of a thousand signals are all overhead.
 * Adaptive execution still coalesces partitions that turn out small.
 */
public final class ShufflePartitions {

    static final String KEY = "spark.sql.shuffle.partitions";
    /** Signals per shuffle partition that keep a task's sort and window buffers small. */
    static final long SIGNALS_PER_PARTITION = 50_000;
    static final int MIN = 8;
    static final int MAX = 1_000;

    private ShufflePartitions() {
    }

    /** Sets the partition count for {@code signals} rows; returns the count in effect. */
    public static int sizeFor(SparkSession spark, long signals) {
        if (spark.sparkContext().getConf().contains(KEY)) {
            return Integer.parseInt(spark.conf().get(KEY));
        }
        int partitions = forSignals(signals);
        spark.conf().set(KEY, Integer.toString(partitions));
        return partitions;
    }

    static int forSignals(long signals) {
        return (int) Math.max(MIN, Math.min(MAX, (signals + SIGNALS_PER_PARTITION - 1) / SIGNALS_PER_PARTITION));
    }
}
