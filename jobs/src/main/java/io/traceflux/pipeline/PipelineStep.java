package io.traceflux.pipeline;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One step of the replay pipeline (SPEC 3.2): a function from the signals so far to the
 * signals with this step's columns added. Steps never drop rows; each is testable alone.
 */
public interface PipelineStep {

    Dataset<Row> apply(Dataset<Row> signals);
}
