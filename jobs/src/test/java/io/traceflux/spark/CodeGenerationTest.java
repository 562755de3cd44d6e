package io.traceflux.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.SparkTestBase;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeGenerationTest extends SparkTestBase {

    @Test
    void aSmallCaptureRunsInterpretedInItsOwnSessionOnly(@TempDir Path dir) {
        spark.range(1_000).selectExpr("id", "cast(id as string) as signal_id").write()
                .parquet(dir.resolve("small").toString());
        SparkSession run = spark.newSession();
        Dataset<Row> capture = run.read().parquet(dir.resolve("small").toString());

        assertThat(CodeGeneration.sizeFor(run, capture)).isFalse();

        assertThat(run.conf().get(CodeGeneration.WHOLE_STAGE)).isEqualTo("false");
        assertThat(run.conf().get(CodeGeneration.FACTORY_MODE)).isEqualTo("NO_CODEGEN");
        assertThat(spark.conf().get(CodeGeneration.WHOLE_STAGE)).isEqualTo("true");
        // Interpreted, the session still computes: the same sum as with generated code.
        assertThat(capture.selectExpr("sum(id)").first().getLong(0)).isEqualTo(499_500L);
    }

    @Test
    void aCaptureOfTwoMebibytesOrMoreKeepsGeneratedCode() {
        assertThat(CodeGeneration.isSmall((2L << 20) - 1)).isTrue();
        assertThat(CodeGeneration.isSmall(2L << 20)).isFalse();
    }
}
