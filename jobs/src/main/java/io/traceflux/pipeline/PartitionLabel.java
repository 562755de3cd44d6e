package io.traceflux.pipeline;

import io.traceflux.spark.ScalaSeqs;
import java.util.List;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SortOrder;
import org.apache.spark.sql.catalyst.plans.physical.HashPartitioning;
import org.apache.spark.sql.catalyst.plans.physical.Partitioning;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import scala.Option;

/**
 * Tells Spark again that rows are hash-partitioned on {@link CoPartition#PART}, after a
 * {@code mapPartitions} that kept them where they were.
 *
 * <p>A typed operator hides its input's partitioning: its output columns are new attributes,
 * so Spark would shuffle {@link SortedPass}'s decisions once more before joining them with
 * another policy's decisions or with the whole signals on ({@link CoPartition#PART},
 * signal_id). The pass emits each row in the partition it read it from, with the key it read,
 * so the rows are still partitioned as the pass's own shuffle left them. This states that
 * partitioning on the output's key column, the way Spark's own {@code Dataset.checkpoint}
 * carries a plan's partitioning over to its rows (and with the same internal plan node,
 * {@link LogicalRDD}). It checks first that Spark placed the rows by exactly that hash and
 * partition count; otherwise (adaptive execution plans no shuffle for an input it finds
 * empty) the rows stay unlabelled, and Spark shuffles them again where a join needs it, since
 * a wrong label would make joins miss rows.
 *
 * <p>Spark's adaptive execution plans a query's stages when its rows are first asked for,
 * so building the labelled rows runs the pass's shuffle (reading, preparing and
 * partitioning the signals); the sort and the pass run in each query that reads them.
 */
final class PartitionLabel {

    private PartitionLabel() {
    }

    /**
     * {@code mapped}, computed partition by partition from rows partitioned on {@code key},
     * labelled so; {@code mapped} itself when Spark did not place them by that key.
     */
    static Dataset<Row> restore(Dataset<Row> mapped, CoPartition key) {
        QueryExecution execution = mapped.queryExecution();
        RDD<InternalRow> rows = execution.toRdd();
        SparkPlan plan = execution.executedPlan();
        // An adaptive plan's root reports no partitioning; its final plan (planned by now) does.
        Partitioning placed = (plan instanceof AdaptiveSparkPlanExec adaptive ? adaptive.executedPlan() : plan)
                .outputPartitioning();
        if (!(placed instanceof HashPartitioning hash) || hash.numPartitions() != key.partitions()
                || rows.getNumPartitions() != key.partitions() || hash.expressions().size() != 1
                || !(hash.expressions().head() instanceof Attribute a) || !a.name().equals(CoPartition.PART)) {
            return mapped;
        }
        scala.collection.Seq<Attribute> output = execution.analyzed().output();
        Attribute part = ScalaSeqs.toJava(output).stream().filter(o -> o.name().equals(CoPartition.PART))
                .findFirst().orElseThrow();
        SparkSession spark = mapped.sparkSession();
        LogicalRDD labelled = new LogicalRDD(output, rows,
                new HashPartitioning(ScalaSeqs.of(List.<Expression>of(part)), key.partitions()),
                ScalaSeqs.of(List.<SortOrder>of()), false, spark, Option.empty(), Option.empty());
        return Dataset.ofRows(spark, labelled);
    }
}
