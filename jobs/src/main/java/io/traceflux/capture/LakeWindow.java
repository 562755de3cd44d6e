package io.traceflux.capture;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The rows of one window of a lake ({@link Lake#window}) and how its files were listed.
 *
 * @param listing {@link Lake#KERNEL_LISTING}, or which Spark reader listed them and why
 */
public record LakeWindow(Dataset<Row> rows, String listing) {
}
