package io.traceflux.spark;

import io.traceflux.governance.ExclusiveLocalLogStore;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession every command and test uses, so that they share one configuration:
 * Delta's extension and catalog, UTC session time, and small-data defaults that a cluster
 * submit may override with {@code --conf}.
 */
public final class Sessions {

    private Sessions() {
    }

    /** The settings that correctness depends on; a cluster must not override them. */
    public static SparkConf baseConf(SparkConf conf) {
        return conf
                .set("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .set("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                // Timestamps are UTC everywhere (SPEC 5); text without offset is UTC too.
                .set("spark.sql.session.timeZone", "UTC")
                // A missing map key or label must read as null (absent), never raise.
                .set("spark.sql.ansi.enabled", "false")
                .set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
                // Parquet TIMESTAMP(NANOS), as pandas writes by default, would otherwise be unreadable.
                .set("spark.sql.legacy.parquet.nanosAsLong", "true")
                // On a local disk, two processes committing the same table version must not both
                // succeed: the same exclusive commit the Kernel writers of the audit log use.
                .set("spark.delta.logStore.file.impl", ExclusiveLocalLogStore.class.getName());
    }

    /**
     * A session for the command line: {@code master} when given, else what spark-submit set,
     * else {@code local[*]}.
     */
    public static SparkSession forJob(String appName, String master) {
        SparkConf conf = baseConf(new SparkConf().setAppName(appName));
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        // spark.sql.shuffle.partitions is sized per replay by ShufflePartitions, unless set here.
        setIfAbsent(conf, "spark.databricks.delta.snapshotPartitions", "2");
        // Spark's default, said out loud: sorts and window buffers spill when they reach it. At
        // 0.8 their pages could outgrow the parallel collector's old generation (two thirds of
        // the heap): in a 2 GiB driver the 10M storm's hot partition ran out of heap. The job
        // caches on disk, and every join sorts, so nothing needs more room than it spills.
        setIfAbsent(conf, "spark.memory.fraction", "0.6");
        setIfAbsent(conf, "spark.sql.adaptive.advisoryPartitionSizeInBytes", "16m");
        setIfAbsent(conf, "spark.ui.showConsoleProgress", "false");
        // Two policies' decisions, both partitioned on a co-partition key (pipeline.CoPartition),
        // join on (key, signal_id) where they lie: without this Spark shuffles both sides again
        // because the partitioning covers only part of the join keys.
        setIfAbsent(conf, "spark.sql.requireAllClusterKeysForCoPartition", "false");
        // New output tables keep file statistics for their leading columns only (execution_id,
        // then the row's ids and time), which is what reads filter on. Statistics for all 32
        // leading columns cost a tenth of the time of writing replay_signals.
        setIfAbsent(conf, "spark.databricks.delta.properties.defaults.dataSkippingNumIndexedCols", "3");
        if (conf.get("spark.master").startsWith("local")) {
            setIfAbsent(conf, "spark.driver.host", "127.0.0.1");
            setIfAbsent(conf, "spark.driver.bindAddress", "127.0.0.1");
            setIfAbsent(conf, "spark.ui.enabled", "false");
        }
        return SparkSession.builder().config(conf).getOrCreate();
    }

    private static void setIfAbsent(SparkConf conf, String key, String value) {
        if (!conf.contains(key)) {
            conf.set(key, value);
        }
    }
}
