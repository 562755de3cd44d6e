package io.traceflux;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import io.traceflux.spark.Sessions;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;

/**
 * The one JUnit 5 base that owns the shared SparkSession (started once per test JVM) and gives
 * tests spark-testing-base's DataFrame assertions.
 */
public abstract class SparkTestBase {

    private static JavaDataFrameSuiteBase suite;

    protected static SparkSession spark;

    @BeforeAll
    static synchronized void startSpark() {
        if (suite == null) {
            JavaDataFrameSuiteBase base = new JavaDataFrameSuiteBase() {
                @Override
                public SparkConf conf() {
                    return Sessions.baseConf(super.conf())
                            .set("spark.ui.enabled", "false")
                            .set("spark.sql.shuffle.partitions", "2")
                            .set("spark.default.parallelism", "2")
                            .set("spark.databricks.delta.snapshotPartitions", "1")
                            .set("spark.driver.host", "127.0.0.1")
                            .set("spark.driver.bindAddress", "127.0.0.1");
                }

                @Override
                public boolean enableHiveSupport() {
                    return false;
                }
            };
            base.runBefore();
            suite = base;
        }
        spark = suite.spark();
    }

    /** Order-insensitive equality of two DataFrames, duplicates respected. */
    protected static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual) {
        suite.assertDataFrameNoOrderEquals(expected, actual);
    }
}
