package io.traceflux.bundle;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** The bundle fixture for tests outside this package (the CLI's). */
public final class BundleFixtures {

    private BundleFixtures() {
    }

    /** Writes {@link BundleFixture}'s warehouse under {@code root}: executions exec-b and exec-n. */
    public static Path warehouse(SparkSession spark, Path root) {
        return BundleFixture.write(spark, root);
    }
}
