package io.traceflux.pipeline;

import io.traceflux.testkit.Signals;

import static io.traceflux.pipeline.PolicyBuilder.field;
import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.policy.FingerprintField;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class FingerprintTest extends PipelineTestBase {

    @Test
    void hashesNameValueLinesInFieldOrder() {
        // python3: hashlib.sha256(b'check=http\nhost=host-1\n').hexdigest()[:16]
        Dataset<Row> in = Signals.at("2026-11-20T10:00:00Z").add("a", 0).build(spark);

        Dataset<Row> out = new Fingerprint(java.util.List.of(field("check"), field("host"))).apply(in);

        assertThat(byId(out, "fingerprint")).containsEntry("a", "811bb0f0bcb0d4ea");
    }

    @Test
    void hashesUtf8Text() {
        // python3: hashlib.sha256('check=caf\u00e9\nhost=host-1\n'.encode()).hexdigest()[:16]
        Dataset<Row> in = Signals.at("2026-11-20T10:00:00Z").add("a", 0, s -> s.check("caf\u00e9")).build(spark);

        Dataset<Row> out = new Fingerprint(java.util.List.of(field("check"), field("host"))).apply(in);

        assertThat(byId(out, "fingerprint")).containsEntry("a", "cf8823cc53ac0f34");
    }

    @Test
    void normalizeReplacesEveryMatchWithLiteralTextAndAbsentLabelIsEmpty() {
        // "$1" would be a group reference to java.util.regex; the spec makes it literal text.
        // python3: hashlib.sha256(b'check=http\nhost=web-$1x\nzone=\n').hexdigest()[:16]
        FingerprintField host = new FingerprintField("host",
                Optional.of(new FingerprintField.Normalize("-[0-9]+$", "-$1x")));
        Dataset<Row> in = Signals.at("2026-11-20T10:00:00Z")
                .add("a", 0, s -> s.host("web-3"))
                .add("b", 0, s -> s.host("web-12-7"))
                .build(spark);

        Fingerprint step = new Fingerprint(java.util.List.of(field("check"), host, field("zone")));
        Dataset<Row> out = step.apply(in).withColumn("text", step.text());

        assertThat(byId(out, "fingerprint")).containsEntry("a", "96f47ffbc2606d8a");
        assertThat(byId(out, "text")).containsEntry("b", "check=http\nhost=web-12-$1x\nzone=\n");
    }

    @Test
    void unanchoredNormalizeReplacesEveryNonOverlappingMatch() {
        FingerprintField host = new FingerprintField("host",
                Optional.of(new FingerprintField.Normalize("[0-9]+", "#")));
        Dataset<Row> in = Signals.at("2026-11-20T10:00:00Z").add("a", 0, s -> s.host("a1b22c333")).build(spark);

        Fingerprint step = new Fingerprint(java.util.List.of(host));

        assertThat(byId(in.withColumn("text", step.text()), "text")).containsEntry("a", "host=a#b#c#\n");
    }
}
