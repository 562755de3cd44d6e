package io.traceflux.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.policy.Regexes;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The Spark columns of policy regexes give exactly what RE2 ({@link Regexes}) gives, whether a
 * pattern runs through the RE2/J function or, being literal text, through Spark's equality,
 * {@code isin} or {@code replace}.
 */
class Re2ColumnsTest extends PipelineTestBase {

    static final List<String> PATTERNS = List.of("api", "a.c", "(?s)a.c", "^ab$", "(?m)^b$", "\\bfoo\\b", "\\Bo",
            "[[:alpha:]]+", "[[:^digit:]x]", "\\s+", "\\S", "[\\s\\d]", "x{,3}", "a{2,3}", "(?U)a+", "(?i)api",
            "a(?i)b|c", "(a(?i)b)c", "[^]a]", "[a-c-e]", "\\Qa.b\\E+", "\\x41\\x{42}", "\\v", "\\pL+", "\\p{^Greek}",
            "[\\p{Lu}\\d]", "(?P<n>x)y", "web-\\d+", "a|", "(?ms)^.*$", "(?m:^a)|b$", "(a|ab)(c|bcd)(d*)",
            "(?i)\\w", "(?i)[^a-z]", "[[:print:]]+", "[[:cntrl:]]", "-[0-9]+$", "(?i)[^[:space:]]+",
            // literal text: evaluated without a regex engine
            "info|unknown", "api|api-gw|", "a\\.b|\\$x", "é|αβγ", "-", "web-12", "|");

    static final List<String> INPUTS = List.of("", "api", "api-gw", "API", "abc", "a\nc", "a\rc", "ab\n", "a\nb\n",
            "\nb\n", "foo bar", "foo_bar", "x,3}", "aaa", "aBc", "aBC", "C", "]", "-", "a.bbb", "AB", "\u000b", "Héllo",
            "αβγ", "web-12", "abcd", "é", "\t\n", "a b\tc", "\u007f", "K", "\ud83d\ude00", "a\u2028b", "a\r\nb",
            "info", "unknown", "a.b", "$x", "axb", "web-12-7");

    private final Dataset<Row> values = spark.createDataset(INPUTS, Encoders.STRING()).toDF("v");

    @Test
    void fullMatchAgreesWithRe2OnEveryPatternAndInput() {
        PATTERNS.forEach(p -> assertThat(Regexes.re2Error(p)).as(p).isEmpty());
        List<Row> rows = evaluate(PATTERNS.stream().map(p -> Re2Columns.fullMatch(col("v"), p)).toList());
        List<String> differences = new ArrayList<>();
        for (Row r : rows) {
            for (int i = 0; i < PATTERNS.size(); i++) {
                if (r.getBoolean(i + 1) != Regexes.fullMatch(PATTERNS.get(i), r.getString(0))) {
                    differences.add(PATTERNS.get(i) + " on " + r.getString(0));
                }
            }
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void replaceAllAgreesWithRe2OnEveryPatternThatCannotMatchEmpty() {
        // a pattern that matches the empty string is refused as a normalize pattern
        List<String> patterns = PATTERNS.stream().filter(p -> !com.google.re2j.Pattern.compile(p).matcher("").find()).toList();
        List<Row> rows = evaluate(patterns.stream().map(p -> Re2Columns.replaceAll(col("v"), p, "<$1\\>")).toList());
        List<String> differences = new ArrayList<>();
        for (Row r : rows) {
            for (int i = 0; i < patterns.size(); i++) {
                if (!r.getString(i + 1).equals(Regexes.replaceAll(patterns.get(i), r.getString(0), "<$1\\>"))) {
                    differences.add(patterns.get(i) + " on " + r.getString(0) + ": " + r.getString(i + 1));
                }
            }
        }
        assertThat(patterns).hasSizeGreaterThan(30);
        assertThat(differences).isEmpty();
    }

    @Test
    void literalPatternsStayBuiltIns() {
        assertThat(plan(Re2Columns.fullMatch(col("v"), "info|unknown"))).doesNotContain("re2_").contains("IN (info,unknown)");
        assertThat(plan(Re2Columns.fullMatch(col("v"), "web\\.example"))).doesNotContain("re2_");
        assertThat(plan(Re2Columns.replaceAll(col("v"), "\\.example", ""))).doesNotContain("re2_").contains("replace(");
        assertThat(plan(Re2Columns.fullMatch(col("v"), "web-\\d+"))).contains("re2_full_match(");
        assertThat(plan(Re2Columns.replaceAll(col("v"), "-[0-9]+$", ""))).contains("re2_replace_all(");
    }

    /** Each input with the value of every column, in one Spark job. */
    private List<Row> evaluate(List<Column> results) {
        List<Column> columns = new ArrayList<>(List.of(col("v")));
        for (int i = 0; i < results.size(); i++) {
            columns.add(results.get(i).as("c" + i));
        }
        return values.select(columns.toArray(Column[]::new)).collectAsList();
    }

    private String plan(Column result) {
        return values.select(result).queryExecution().analyzed().toString();
    }
}
