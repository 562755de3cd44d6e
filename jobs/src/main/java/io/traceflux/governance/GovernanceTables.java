package io.traceflux.governance;

import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import java.util.List;

/**
 * The governance tables of SPEC 6.5, each a path-based Delta table at {@code <warehouse>/<name>}
 * created by its first append: the one place their names, columns and file statistics are
 * defined. Columns are nullable, as Spark writes them, so that Spark and Kernel agree on the
 * schema whichever engine created the table. {@code audit_seq} ties an approval or promotion
 * row to the audit entry that recorded it.
 */
public final class GovernanceTables {

    public static final String APPROVALS = "approvals";
    public static final String PROMOTIONS = "promotions";
    public static final String AUDIT_LOG = "audit_log";

    /** SPEC 6.5 approvals, plus the policy version approved and the audit entry. */
    public static final StructType APPROVALS_SCHEMA = new StructType()
            .add("execution_id", StringType.STRING)
            .add("approver", StringType.STRING)
            .add("decision", StringType.STRING)
            .add("scope", StringType.STRING)
            .add("comment", StringType.STRING)
            .add("at", TimestampType.TIMESTAMP)
            .add("policy_sha256", StringType.STRING)
            .add("policy_id", StringType.STRING)
            .add("policy_version", IntegerType.INTEGER)
            .add("audit_seq", LongType.LONG);

    /** SPEC 6.5 promotions (the active-policy registry), plus the audit entry. */
    public static final StructType PROMOTIONS_SCHEMA = new StructType()
            .add("promotion_id", StringType.STRING)
            .add("policy_id", StringType.STRING)
            .add("policy_version", IntegerType.INTEGER)
            .add("policy_sha256", StringType.STRING)
            .add("scope", StringType.STRING)
            .add("execution_id", StringType.STRING)
            .add("promoted_by", StringType.STRING)
            .add("promoted_at", TimestampType.TIMESTAMP)
            .add("supersedes", new ArrayType(StringType.STRING, true))
            .add("audit_seq", LongType.LONG);

    /** SPEC 6.4: the hash-chained log of governance events. */
    public static final StructType AUDIT_LOG_SCHEMA = new StructType()
            .add("seq", LongType.LONG)
            .add("at", TimestampType.TIMESTAMP)
            .add("actor", StringType.STRING)
            .add("action", StringType.STRING)
            .add("execution_id", StringType.STRING)
            .add("policy_id", StringType.STRING)
            .add("policy_version", IntegerType.INTEGER)
            .add("policy_sha256", StringType.STRING)
            .add("scope", StringType.STRING)
            .add("details", StringType.STRING)
            .add("prev_hash", StringType.STRING)
            .add("hash", StringType.STRING);

    /** Columns whose per-file min/max are recorded, so that reads by them open few files. */
    static final List<String> APPROVALS_STATS = List.of("execution_id");
    static final List<String> PROMOTIONS_STATS = List.of("policy_id", "execution_id");
    static final List<String> AUDIT_LOG_STATS = List.of("seq", "execution_id", "action");

    private GovernanceTables() {
    }

    static List<String> columns(StructType schema) {
        return schema.fieldNames();
    }
}
