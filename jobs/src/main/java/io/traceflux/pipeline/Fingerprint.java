package io.traceflux.pipeline;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;

import io.traceflux.policy.FingerprintField;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Step 2: the fingerprint (SPEC 3.2), the first 16 lowercase hex characters of SHA-256 over
 * the UTF-8 text {@code name=value\n} for each field in order, after each field's optional
 * {@code normalize} replacement (unanchored, every match, literal replacement text), evaluated
 * by RE2 in linear time ({@link Re2Columns}).
 */
public final class Fingerprint implements PipelineStep {

    private final List<FingerprintField> fields;

    public Fingerprint(List<FingerprintField> fields) {
        this.fields = List.copyOf(fields);
    }

    @Override
    public Dataset<Row> apply(Dataset<Row> signals) {
        return signals.withColumn(Columns.FINGERPRINT, substring(sha2(text(), 256), 1, 16));
    }

    /** The text the hash is taken over; public so tests can show what was hashed. */
    public Column text() {
        List<Column> parts = new ArrayList<>();
        for (FingerprintField f : fields) {
            parts.add(lit(f.name() + "="));
            parts.add(normalized(f));
            parts.add(lit("\n"));
        }
        return parts.isEmpty() ? lit("") : concat(parts.toArray(Column[]::new));
    }

    private static Column normalized(FingerprintField f) {
        Column value = SignalFields.value(f.name());
        return f.normalize()
                .map(n -> Re2Columns.replaceAll(value, n.pattern(), n.replace()))
                .orElse(value);
    }
}
