package io.traceflux.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Turns Spark's code generation off for a replay of a small capture, unless whoever started the
 * session chose. Spark compiles each query's operators and expressions to bytecode (Janino)
 * before running it: worth it over millions of rows, pure cost over a few thousand, where a
 * replay's hundred small queries spend longer compiling than running. The capture is scanned
 * whole whatever the window, so its size, not the selected count, decides; the threshold is the
 * launcher's for its first-compiler-tier choice (docs/decisions.md, "Deployment").
 */
public final class CodeGeneration {

    static final String WHOLE_STAGE = "spark.sql.codegen.wholeStage";
    static final String FACTORY_MODE = "spark.sql.codegen.factoryMode";
    /** Captures below this many bytes on disk run interpreted. */
    static final long SMALL_CAPTURE_BYTES = 2L << 20;

    private CodeGeneration() {
    }

    /**
     * Sets the session to interpret the queries over {@code capture} when it is small; returns
     * whether code generation stays on.
     */
    public static boolean sizeFor(SparkSession spark, Dataset<Row> capture) {
        if (spark.sparkContext().getConf().contains(WHOLE_STAGE)
                || spark.sparkContext().getConf().contains(FACTORY_MODE)) {
            return spark.conf().get(WHOLE_STAGE).equals("true");
        }
        boolean generate = !isSmall(capture.queryExecution().optimizedPlan().stats().sizeInBytes().longValue());
        spark.conf().set(WHOLE_STAGE, Boolean.toString(generate));
        spark.conf().set(FACTORY_MODE, generate ? "FALLBACK" : "NO_CODEGEN");
        return generate;
    }

    static boolean isSmall(long bytes) {
        return bytes < SMALL_CAPTURE_BYTES;
    }
}
