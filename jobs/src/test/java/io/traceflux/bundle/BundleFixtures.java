package io.traceflux.bundle;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** The bundle fixture for tests outside this package (the CLI's). */
public final class BundleFixtures {

    private BundleFixtures() {
    }

    /** {@link BundleFixture}'s shared warehouse: executions exec-b and exec-n. */
    public static Path warehouse(SparkSession spark) {
        return BundleFixture.shared(spark);
    }
}
