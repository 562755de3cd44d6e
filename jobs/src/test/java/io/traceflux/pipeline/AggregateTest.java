package io.traceflux.pipeline;

import io.traceflux.testkit.Signals;

import static io.traceflux.pipeline.PolicyBuilder.field;
import static io.traceflux.pipeline.PolicyBuilder.policy;
import static io.traceflux.testkit.Signals.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.policy.Policy;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class AggregateTest extends PipelineTestBase {

    @Test
    void incidentCarriesTimesSeverityCountsSortedServicesAndTitle() {
        Dataset<Row> in = Signals.at("2026-11-20T10:00:00Z")
                .add("a", 0, s -> s.service("web").host("h2").severity("minor"))
                .add("b", seconds(30), s -> s.service("api").host("h1").severity("critical"))
                .add("b-dup", seconds(40), s -> s.service(null).host("h1").severity("info"))
                .build(spark);
        Policy p = policy().fingerprint(field("service"), field("host")).dedup(Duration.ofMinutes(1))
                .correlation(List.of("region", "pop"), Duration.ofMinutes(2), null, 3)
                .title("{count} signals in {region}/{pop}").build();
        ReplayPipeline pipeline = ReplayPipeline.of(p);

        List<Row> incidents = pipeline.incidents(pipeline.explain(in)).collectAsList();

        assertThat(incidents).hasSize(1);
        Row r = incidents.get(0);
        assertThat(r.<String>getAs("first_signal_id")).isEqualTo("a");
        assertThat(r.getAs("opened_at").toString()).isEqualTo("2026-11-20 10:00:00.0");
        assertThat(r.getAs("last_signal_at").toString()).isEqualTo("2026-11-20 10:00:40.0");
        assertThat(r.<String>getAs("severity")).isEqualTo("critical");
        assertThat(r.<Long>getAs("signal_count")).isEqualTo(3L);
        assertThat(r.<Long>getAs("distinct_fingerprints")).isEqualTo(3L);
        assertThat(r.getList(r.fieldIndex("services"))).containsExactly("api", "web");
        assertThat(r.getList(r.fieldIndex("hosts"))).containsExactly("h1", "h2");
        assertThat(r.<String>getAs("title")).isEqualTo("3 signals in eu-west/fra1");
        assertThat(r.getJavaMap(r.fieldIndex("group_key"))).containsEntry("region", "eu-west")
                .containsEntry("pop", "fra1").hasSize(2);
    }
}
