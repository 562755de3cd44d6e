package io.traceflux.capture;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.metric.SQLMetric;
import scala.collection.JavaConverters;

/**
 * A lake window's query, whose file scans can be measured after it ran. A write plans its input
 * anew, and the scans of that plan are out of reach afterwards; so the query is planned here, its
 * physical plan executed as the rows of {@link #rows()}, and the metrics are read from that very
 * plan once whatever consumed the rows has finished. The query runs once.
 */
final class ObservedScan {

    private final QueryExecution execution;
    private final Dataset<Row> rows;
    private final String listing;

    ObservedScan(SparkSession spark, LakeWindow window) {
        Dataset<Row> query = window.rows();
        this.execution = query.queryExecution();
        this.rows = spark.internalCreateDataFrame(execution.toRdd(), query.schema(), false);
        this.listing = window.listing();
    }

    /** The query's rows; consume them once (a write), then read {@link #metrics()}. */
    Dataset<Row> rows() {
        return rows;
    }

    /** The scans' metrics summed over every file scan of the plan, and how the files were listed. */
    ScanMetrics metrics() {
        List<FileSourceScanExec> scans = new ArrayList<>();
        collect(execution.executedPlan(), scans);
        long files = 0;
        long bytes = 0;
        long partitions = 0;
        List<String> partitionFilters = new ArrayList<>();
        List<String> dataFilters = new ArrayList<>();
        for (FileSourceScanExec scan : scans) {
            files += metric(scan, "numFiles");
            bytes += metric(scan, "filesSize");
            partitions += metric(scan, "numPartitions");
            partitionFilters.addAll(texts(scan.partitionFilters()));
            dataFilters.addAll(texts(scan.dataFilters()));
        }
        return new ScanMetrics(files, bytes, partitions, partitionFilters, dataFilters, listing);
    }

    private static void collect(SparkPlan plan, List<FileSourceScanExec> scans) {
        if (plan instanceof AdaptiveSparkPlanExec adaptive) {
            collect(adaptive.executedPlan(), scans);
            return;
        }
        if (plan instanceof FileSourceScanExec scan) {
            scans.add(scan);
        }
        for (SparkPlan child : JavaConverters.seqAsJavaList(plan.children())) {
            collect(child, scans);
        }
    }

    private static long metric(FileSourceScanExec scan, String name) {
        scala.Option<SQLMetric> metric = scan.metrics().get(name);
        return metric.isDefined() ? metric.get().value() : 0;
    }

    private static List<String> texts(scala.collection.Seq<Expression> expressions) {
        return JavaConverters.seqAsJavaList(expressions).stream().map(Expression::sql).toList();
    }
}
