package io.traceflux.pipeline;

import static org.apache.spark.sql.functions.concat_ws;

import io.traceflux.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One shuffle for the per-key steps of one or more policies: the signal fields whose value is
 * shared by every signal of a dedup episode and of a correlation group, in each policy.
 *
 * <p>A field qualifies when every policy groups by it and, if the policy deduplicates, also
 * fingerprints it without {@code normalize}: signals with one fingerprint then have one value
 * of it, so do signals of one group, and so does a duplicate and its representative. Rows
 * hash-partitioned on {@link #PART} (those values) have every episode and group inside one
 * partition, so {@link SortedPass} decides them after one shuffle, and a join of two
 * policies' decisions on ({@link #PART}, signal_id) needs no further one. With no such
 * field (or a policy without group_by) the key is {@link #none()}, and the window plan of
 * {@link Deduplicate} and {@link Correlate} shuffles per window, as each window's keys require.
 *
 * <p>Severity never qualifies: its canonical value depends on each policy's severity_map.
 * A fingerprint is 64 bits of SHA-256, so two signals with different values of a qualifying
 * field share one only by a hash collision, which would keep them in separate episodes.
 *
 * @param fields     the qualifying fields; empty means no co-partitioning
 * @param partitions the partition count of the shuffle (the same for every policy, so their
 *                   decisions line up partition by partition)
 */
public record CoPartition(List<String> fields, int partitions) {

    /**
     * The stored key column: the fields' values joined by {@code \0}. Tuples that join to the
     * same text only share a partition and a run of {@link SortedPass}, which keys episodes and
     * groups on what decides (fingerprint, group values), as every join does.
     */
    public static final String PART = "_part";

    public CoPartition {
        fields = List.copyOf(fields);
    }

    public static CoPartition none() {
        return new CoPartition(List.of(), 0);
    }

    /** The fields that qualify for every one of {@code policies}, in the first policy's group_by order. */
    public static CoPartition of(List<Policy> policies, int partitions) {
        List<String> fields = new ArrayList<>();
        for (String name : policies.get(0).correlation().groupBy()) {
            if (policies.stream().allMatch(p -> qualifies(p, name))) {
                fields.add(name);
            }
        }
        return new CoPartition(fields, partitions);
    }

    private static boolean qualifies(Policy policy, String name) {
        if (name.equals(Columns.SEVERITY) || !policy.correlation().groupBy().contains(name)) {
            return false;
        }
        return policy.dedupWindow().isEmpty() || policy.fingerprint().stream()
                .anyMatch(f -> f.name().equals(name) && f.normalize().isEmpty());
    }

    public boolean isPresent() {
        return !fields.isEmpty();
    }

    /**
     * The signals with {@link #PART} added, not repartitioned: a join with rows partitioned on
     * it then shuffles these signals only. Unchanged without a key. Any step before
     * {@link SortedPass} may come before it: none of them changes a qualifying field.
     */
    public Dataset<Row> withKey(Dataset<Row> signals) {
        if (!isPresent()) {
            return signals;
        }
        List<Column> values = new ArrayList<>();
        fields.forEach(f -> values.add(SignalFields.value(f)));
        return signals.withColumn(PART, concat_ws("\u0000", values.toArray(Column[]::new)));
    }

    /** Column names a join of two policies' decisions may add to signal_id. */
    public List<String> joinKeys() {
        return isPresent() ? List.of(PART) : List.of();
    }
}
