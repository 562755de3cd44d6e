package io.traceflux.cli;

import static io.traceflux.testkit.Signals.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.SparkTestBase;
import io.traceflux.testkit.CaptureFixture;
import io.traceflux.testkit.Signals;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regexes that make a backtracking engine run for years ({@code (.*.){10}#}, {@code (a|aa)*b},
 * nested and alternated repetition) run through {@code replay} end to end and give the right
 * result: matchers and fingerprint normalize are evaluated by RE2 in linear time. One replay of a
 * tiny capture; RegexesTest runs more patterns on longer values without Spark. The timeout is a
 * hang guard (java.util.regex did not finish the sample replay in 200 s); speed is measured by
 * the benchmark (docs/reliability.md).
 */
class RegexSafetyTest extends SparkTestBase {

    @TempDir
    Path dir;

    private int replay(Path capture, String policy, Path policies, String id) {
        return Main.run("replay", "--capture", capture.toString(), "--policy", policy, "--policies", policies.toString(),
                "--warehouse", dir.resolve("wh").toString(), "--execution-id", id);
    }

    private List<Row> table(String name, String id) {
        return spark.read().format("delta").load(dir.resolve("wh").resolve(name).toString())
                .filter("execution_id = '" + id + "'").collectAsList();
    }

    /**
     * Values thousands of characters long: a matcher that needs the last character, a normalize
     * that must consume a whole host of {@code a}s before its {@code b}, and a label regex of
     * nested repetition that never matches.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void pathologicalPatternsOnLongValuesGiveRe2sAnswers() {
        String as = "a".repeat(5_000);
        CaptureFixture.parquet(dir.resolve("cap"), "long", "2026-11-20T10:00:00Z", "2026-11-20T10:10:00Z",
                Signals.at("2026-11-20T10:00:00Z")
                        .add("hash-end", 0, s -> s.host(as + "#"))
                        .add("all-a", seconds(1), s -> s.host(as))
                        .add("ends-b", seconds(2), s -> s.host(as + "b"))
                        .add("empty", seconds(3), s -> s.host("").label("team", "x".repeat(5_000)))
                        .build(spark));
        Path policies = CaptureFixture.policy(dir, "long", 1, """
                policy: long
                version: 1
                fingerprint:
                  fields:
                    - check
                    - name: host
                      normalize: {pattern: "(a|aa)+b", replace: ""}
                dedup: {window: 1m}
                suppression:
                  - id: ends-with-hash
                    drop: ['host=~"(.*.){10}#"']
                  - id: team-xy
                    drop: ['team=~"(x+x+)+y"']
                correlation: {gap: 1m}
                """);

        assertThat(replay(dir.resolve("cap"), "long@v1", policies, "long")).isZero();

        Map<String, Row> signals = new TreeMap<>();
        table("replay_signals", "long").forEach(r -> signals.put(r.getAs("signal_id"), r));
        assertThat(signals.keySet()).containsExactly("all-a", "empty", "ends-b", "hash-end");
        assertThat(signals.get("hash-end").<String>getAs("suppressed_by")).isEqualTo("ends-with-hash");
        assertThat(signals.values().stream().filter(r -> r.getAs("suppressed_by") != null)).hasSize(1);
        assertThat(signals.get("ends-b").<String>getAs("fingerprint"))
                .as("the whole host was replaced: the same fingerprint as an empty host")
                .isEqualTo(signals.get("empty").getAs("fingerprint"))
                .isNotEqualTo(signals.get("all-a").getAs("fingerprint"));
        assertThat(signals.get("empty").<String>getAs("duplicate_of")).isEqualTo("ends-b");
    }
}
