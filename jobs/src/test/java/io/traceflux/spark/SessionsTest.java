package io.traceflux.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.SparkTestBase;
import org.junit.jupiter.api.Test;

class SessionsTest extends SparkTestBase {

    @Test
    void sharedSessionRunsInUtc() {
        assertThat(spark.conf().get("spark.sql.session.timeZone")).isEqualTo("UTC");
        assertThat(spark.sql("select cast('2026-11-20 10:00:00' as timestamp) as t")
                        .selectExpr("cast(unix_micros(t) as string)").first().getString(0))
                .isEqualTo("1795168800000000");
    }
}
