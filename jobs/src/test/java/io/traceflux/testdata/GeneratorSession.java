package io.traceflux.testdata;

import io.traceflux.spark.Sessions;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The small local session the test-data generators run in: the job's settings, two cores. */
final class GeneratorSession {

    private GeneratorSession() {
    }

    static SparkSession start(String appName) {
        return SparkSession.builder().config(Sessions.baseConf(new SparkConf()
                        .setAppName(appName).setMaster("local[2]")
                        .set("spark.ui.enabled", "false")
                        .set("spark.sql.shuffle.partitions", "2")
                        .set("spark.driver.host", "127.0.0.1")
                        .set("spark.driver.bindAddress", "127.0.0.1")))
                .getOrCreate();
    }
}
