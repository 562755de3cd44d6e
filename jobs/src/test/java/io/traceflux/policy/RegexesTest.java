package io.traceflux.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RE2 semantics as the pipeline evaluates them ({@link Regexes#fullMatch}, {@link Regexes#replaceAll}),
 * the validation gate with its size limits, and the literal patterns that skip the regex engine.
 */
class RegexesTest {

    @Test
    void fullMatchTakesWholeValuesOnly() {
        assertThat(fullMatch("api", "api")).isTrue();
        assertThat(fullMatch("api", "api-gw")).isFalse();
        assertThat(fullMatch("api", "my-api")).isFalse();
        assertThat(fullMatch("info|unknown", "unknown")).isTrue();
        assertThat(fullMatch("info|unknown", "info-x")).isFalse();
        assertThat(fullMatch("a|ab", "ab")).as("any alternative may span the value, not only the first").isTrue();
        assertThat(fullMatch("(a|ab)(c|bcd)(d*)", "abcd")).isTrue();
    }

    @Test
    void dotAndAnchorsFollowRe2LineRules() {
        assertThat(fullMatch("a.c", "a\rc")).as("RE2's . matches \\r").isTrue();
        assertThat(fullMatch("a.c", "a\u2028c")).isTrue();
        assertThat(fullMatch("a.c", "a\nc")).isFalse();
        assertThat(fullMatch("(?s)a.c", "a\nc")).isTrue();
        assertThat(replaced("a$", "a\n")).as("RE2's $ is the end of text, not before a final newline").isEqualTo("a\n");
        assertThat(replaced("^b", "a\nb")).isEqualTo("a\nb");
        assertThat(replaced("(?m)^b$", "a\nb\nc")).isEqualTo("a\n<>\nc");
        assertThat(replaced("\\Aa\\z", "a")).isEqualTo("<>");
    }

    @Test
    void classesMeanWhatRe2Means() {
        assertThat(fullMatch("[[:alpha:]]+", "Edge")).isTrue();
        assertThat(fullMatch("[[:^digit:]]", "7")).isFalse();
        assertThat(fullMatch("[[:punct:]]+", "!/:@[`{~")).isTrue();
        assertThat(fullMatch("\\s", "\u000b")).as("RE2's \\s lacks \\v").isFalse();
        assertThat(fullMatch("\\s+", " \t\n\f\r")).isTrue();
        assertThat(fullMatch("\\v", "\u000b")).isTrue();
        assertThat(fullMatch("\\v", "\n")).isFalse();
        assertThat(fullMatch("\\w+", "é")).isFalse();
        assertThat(fullMatch("[a&&b]+", "a&b")).as("no class intersection in RE2").isTrue();
        assertThat(fullMatch("[]a]+", "]a")).isTrue();
        assertThat(fullMatch("\\pL+", "Héllo")).isTrue();
        assertThat(fullMatch("\\p{Greek}+", "αβγ")).isTrue();
        assertThat(fullMatch("\\p{Any}", "😀")).isTrue();
        assertThat(replaced("x\\b", "xé")).as("é is no word character in RE2").isEqualTo("<>é");
        assertThat(replaced("\\bfoo\\b", "afoo foo.")).isEqualTo("afoo <>.");
    }

    @Test
    void re2OnlySyntaxAndFlags() {
        assertThat(fullMatch("(?P<host_1>web)-\\d+", "web-12")).isTrue();
        assertThat(fullMatch("x{,3}", "x{,3}")).as("RE2 reads {,3} as literal text").isTrue();
        assertThat(fullMatch("a{01}", "a{01}")).isTrue();
        assertThat(fullMatch("\\101\\x42\\x{43}\\0", "ABC\0")).as("octal and hex escapes").isTrue();
        assertThat(fullMatch("\\Qa.b\\E+", "a.bbb")).isTrue();
        assertThat(fullMatch("\\Qa.b\\E+", "axb")).isFalse();
        assertThat(fullMatch("(a(?i)b)c", "aBC")).isFalse();
        assertThat(fullMatch("(a(?i)b)c", "aBc")).isTrue();
        assertThat(fullMatch("a(?i)*", "aaa")).as("a quantifier after a flag group repeats the atom before it").isTrue();
        assertThat(fullMatch("(?i)é", "É")).isTrue();
        assertThat(replaced("(?U)a+", "aaa")).isEqualTo("<><><>");
        assertThat(replaced("(?U)a+?", "aaa")).isEqualTo("<>");
    }

    @Test
    void replaceAllIsUnanchoredLeftToRightWithLiteralText() {
        assertThat(Regexes.replaceAll("-[0-9]+$", "web-12", "$1\\x")).isEqualTo("web$1\\x");
        assertThat(Regexes.replaceAll("[0-9]+", "a1b22c333", "#")).isEqualTo("a#b#c#");
        assertThat(Regexes.replaceAll("aa", "aaaaa", "b")).as("non-overlapping").isEqualTo("bba");
        assertThat(Regexes.replaceAll("\\b", "ab cd", "|")).as("empty matches move on one character").isEqualTo("|ab| |cd|");
        assertThat(Regexes.replaceAll("x", "abc", "y")).isEqualTo("abc");
    }

    @Test
    void re2ErrorExplainsWhatRe2Lacks() {
        assertThat(Regexes.re2Error("web-\\d+")).isEmpty();
        assertThat(Regexes.re2Error("(a)\\1")).contains("backreferences (\\1 ...) are not supported by RE2: invalid escape sequence: `\\1`");
        assertThat(Regexes.re2Error("(?<!a)b"))
                .contains("lookahead and lookbehind ((?=, (?!, (?<=, (?<!) are not supported by RE2: invalid or unsupported Perl syntax: `(?<`");
        assertThat(Regexes.re2Error("(?<n>a)")).contains("named groups are written (?P<name>...) in RE2: invalid or unsupported Perl syntax: `(?<`");
        assertThat(Regexes.re2Error("[(?=]\\1")).contains("backreferences (\\1 ...) are not supported by RE2: invalid escape sequence: `\\1`");
        assertThat(Regexes.re2Error("[(?=]x**")).contains("invalid nested repetition operator: `**`");
        assertThat(Regexes.re2Error("\\Z")).contains("invalid escape sequence: `\\Z`");
    }

    @Test
    void patternsThatWouldExhaustTheEngineAreRefusedBeforeCompiling() {
        assertThat(Regexes.re2Error("((a{1000}){1000}){1000}")).get().asString()
                .startsWith("too large: it expands to about 1,002,002,000 RE2 instructions, more than the 250 allowed");
        assertThat(Regexes.re2Error("(a{100}){100}")).get().asString().startsWith("too large: it expands to about 10,200 ");
        assertThat(Regexes.re2Error("x.".repeat(1001))).get().asString().startsWith("too large");
        assertThat(Regexes.re2Error("(".repeat(5000) + "a" + ")".repeat(5000)))
                .contains("groups nested 5000 deep; at most 100 levels are allowed");
        assertThat(Regexes.re2Error("(?:".repeat(100) + "a" + ")".repeat(100))).isEmpty();
        assertThat(Regexes.re2Error("(a{10}){20}")).as("240 instructions").isEmpty();
        assertThat(Regexes.re2Error("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")).isEmpty();
    }

    @Test
    void theInstructionLimitBoundsWhatOneMatcherCostsPerSignal() {
        assertThat(Re2Size.of("x.".repeat(125)).instructions()).isEqualTo(Regexes.MAX_INSTRUCTIONS);
        assertThat(Regexes.re2Error("x.".repeat(125))).isEmpty();
        assertThat(Regexes.re2Error("x.".repeat(125) + "x")).contains("too large: it expands to about 251 RE2 instructions, "
                + "more than the 250 allowed (counted repetitions multiply: (a{10}){20} is 240)");
        assertThat(Regexes.re2Error("(.*){62}#")).as("249 instructions, every one alive on every character").isEmpty();
        assertThat(Regexes.re2Error("(.*){74}#")).as("297 instructions: the benchmark replay doubled")
                .get().asString().startsWith("too large: it expands to about 297 RE2 instructions");
        assertThat(Regexes.re2Error("[a-z0-9]([-a-z0-9]{0,40}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,40}[a-z0-9])?)*"))
                .as("a host name of labels up to 42 characters, 174 instructions").isEmpty();
    }

    @Test
    void literalTextHasNoSizeLimitBecauseNoEngineRunsIt() {
        String hosts = String.join("|", java.util.stream.IntStream.range(0, 3000).mapToObj(i -> "host-" + i + "\\.example").toList());
        assertThat(Regexes.re2Error(hosts)).isEmpty();
        assertThat(Regexes.normalizeError(hosts)).as("an alternation in a normalize runs in the engine").get().asString()
                .startsWith("too large");
        assertThat(Regexes.normalizeError("x".repeat(50_000))).isEmpty();
        assertThat(Regexes.matchesEmpty("x".repeat(50_000))).isFalse();
        assertThat(Regexes.matchesEmpty("a*")).isTrue();
    }

    @Test
    void theSizeEstimateFollowsRe2Syntax() {
        assertThat(Re2Size.of("abc").instructions()).isEqualTo(3);
        assertThat(Re2Size.of("a{3}").instructions()).isEqualTo(3);
        assertThat(Re2Size.of("[a{99}]{3}").instructions()).as("braces inside a class are literal").isEqualTo(3);
        assertThat(Re2Size.of("\\{9999}").instructions()).as("an escaped brace is literal").isLessThan(10);
        assertThat(Re2Size.of("\\Q(a){9}\\E").instructions()).as("\\Q...\\E is literal").isEqualTo(6);
        assertThat(Re2Size.of("(?i)(?P<n>ab){10}").instructions()).isEqualTo(40);
        assertThat(Re2Size.of("x{2,}").instructions()).isEqualTo(4);
        assertThat(Re2Size.of("((").depth()).as("unbalanced text gets an estimate; re2j reports the error").isEqualTo(2);
        assertThat(Regexes.re2Error("((")).contains("missing closing ): `((`");
    }

    @Test
    void literalAlternativesNeedNoRegexEngine() {
        assertThat(Regexes.literalAlternatives("info|unknown")).contains(List.of("info", "unknown"));
        assertThat(Regexes.literalAlternatives("web\\.example|")).contains(List.of("web.example", ""));
        assertThat(Regexes.literalAlternatives("fra 1/ams-2")).contains(List.of("fra 1/ams-2"));
        assertThat(Regexes.literalAlternatives("web-\\d+")).isEmpty();
        assertThat(Regexes.literalAlternatives("(?i)api")).isEmpty();
        assertThat(Regexes.literalAlternatives("a{2}")).isEmpty();
        assertThat(Regexes.literalAlternatives("\\x41")).isEmpty();
    }

    /** Patterns that make a backtracking engine take exponential or high polynomial time. */
    static final List<String> PATHOLOGICAL = List.of("(.*.){10}#", "(a|aa)*b", "(a+)+b", "(a*)*b", "(x+x+)+y",
            "(a|a)*c", "(.*)*#", "(\\w+\\s?)+$#");

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang guard: backtracking would take years here
    void pathologicalPatternsRunInLinearTimeOnLongValues() {
        String as = "a".repeat(20_000);
        for (String pattern : PATHOLOGICAL) {
            assertThat(Regexes.re2Error(pattern)).as(pattern).isEmpty();
            assertThat(fullMatch(pattern, as)).as(pattern).isFalse();
            assertThat(Regexes.replaceAll(pattern, as + "!", "-").equals(as + "!")).as(pattern).isTrue();
        }
        assertThat(fullMatch("(?:a?){30}a{30}", as)).isFalse();
        assertThat(fullMatch("(a|aa)*b", as + "b")).isTrue();
        assertThat(fullMatch("(.*.){10}#", as + "#")).isTrue();
    }

    private static boolean fullMatch(String re2, String input) {
        assertThat(Regexes.re2Error(re2)).as(re2).isEmpty();
        return Regexes.fullMatch(re2, input);
    }

    /** {@code input} with every match of {@code re2} shown as {@code <>}. */
    private static String replaced(String re2, String input) {
        assertThat(Regexes.re2Error(re2)).as(re2).isEmpty();
        return Regexes.replaceAll(re2, input, "<>");
    }
}
