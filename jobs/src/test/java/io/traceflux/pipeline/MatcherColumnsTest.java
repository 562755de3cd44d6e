package io.traceflux.pipeline;

import io.traceflux.testkit.Signals;

import static io.traceflux.pipeline.PolicyBuilder.m;
import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.policy.Matcher;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class MatcherColumnsTest extends PipelineTestBase {

    private final Dataset<Row> signals = Signals.at("2026-11-20T10:00:00Z")
            .add("api", 0, s -> s.service("api").label("team", "core"))
            .add("gw", 0, s -> s.service("api-gw").label("team", ""))
            .add("nul", 0, s -> s.service(null).noLabels())
            .add("web", 0, s -> s.service("web-12"))
            .build(spark);

    private List<String> matching(Matcher... matchers) {
        return signals.filter(MatcherColumns.all(List.of(matchers))).select("signal_id").orderBy("signal_id")
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    }

    @Test
    void regexIsFullyAnchored() {
        assertThat(matching(m("service", "=~", "api"))).containsExactly("api");
        assertThat(matching(m("service", "!~", "api"))).containsExactly("gw", "nul", "web");
        assertThat(matching(m("service", "=~", "api.*"))).containsExactly("api", "gw");
    }

    @Test
    void backslashClassesWork() {
        assertThat(matching(m("service", "=~", "web-\\d+"))).containsExactly("web");
    }

    @Test
    void absentValueEqualsEmptyString() {
        assertThat(matching(m("service", "=", ""))).containsExactly("nul");
        assertThat(matching(m("team", "=", ""))).containsExactly("gw", "nul", "web");
        assertThat(matching(m("team", "!=", "core"))).containsExactly("gw", "nul", "web");
        assertThat(matching(m("service", "=~", ".*"))).containsExactly("api", "gw", "nul", "web");
    }

    @Test
    void listIsAConjunctionAndEmptyMatchesAll() {
        assertThat(matching(m("service", "=~", "api.*"), m("team", "=", "core"))).containsExactly("api");
        assertThat(matching()).containsExactly("api", "gw", "nul", "web");
    }
}
