package io.traceflux.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RegexesTest {

    @Test
    void anchoredMatchesWholeValuesOnly() {
        assertThat(Regexes.anchoredJava("api")).isEqualTo("\\A(?:api)\\z");
        assertThat(fullMatch("api", "api")).isTrue();
        assertThat(fullMatch("api", "api-gw")).isFalse();
        assertThat(fullMatch("api", "my-api")).isFalse();
        assertThat(fullMatch("info|unknown", "unknown")).isTrue();
        assertThat(fullMatch("info|unknown", "info-x")).isFalse();
    }

    @Test
    void dotAndAnchorsFollowRe2LineRules() {
        assertThat(Regexes.unanchoredJava("a.c")).isEqualTo("a[^\\n]c");
        assertThat(fullMatch("a.c", "a\rc")).as("RE2's . matches \\r, Java's does not").isTrue();
        assertThat(fullMatch("a.c", "a\u2028c")).isTrue();
        assertThat(fullMatch("a.c", "a\nc")).isFalse();
        assertThat(fullMatch("(?s)a.c", "a\nc")).isTrue();

        assertThat(Regexes.unanchoredJava("^a$")).isEqualTo("(?:\\A)a(?:\\z)");
        assertThat(found("a$", "a\n")).as("RE2's $ is the end of text, Java's also before a final newline").isFalse();
        assertThat(found("^b", "a\nb")).isFalse();
        assertThat(found("(?m)^b$", "a\nb\nc")).isTrue();
        assertThat(find("(?m)^", "a\n")).as("RE2 (?m)^ also matches after a final newline").containsExactly("0-0", "2-2");
        assertThat(found("\\Aa\\z", "a")).isTrue();
    }

    @Test
    void classesMeanWhatRe2Means() {
        assertThat(Regexes.unanchoredJava("[[:alpha:]]+")).isEqualTo("[[A-Za-z]]+");
        assertThat(fullMatch("[[:alpha:]]+", "Edge")).isTrue();
        assertThat(fullMatch("[[:^digit:]]", "7")).isFalse();
        assertThat(fullMatch("[[:punct:]]+", "!/:@[`{~")).isTrue();
        assertThat(fullMatch("\\s", "\u000b")).as("RE2's \\s lacks \\v, Java's has it").isFalse();
        assertThat(fullMatch("\\s+", " \t\n\f\r")).isTrue();
        assertThat(fullMatch("\\v", "\u000b")).isTrue();
        assertThat(fullMatch("\\v", "\n")).as("Java's \\v is any vertical space").isFalse();
        assertThat(fullMatch("\\w+", "é")).isFalse();
        assertThat(fullMatch("[a&&b]+", "a&b")).as("no Java class intersection").isTrue();
        assertThat(fullMatch("[]a]+", "]a")).isTrue();
        assertThat(fullMatch("\\pL+", "Héllo")).isTrue();
        assertThat(Regexes.unanchoredJava("\\p{Greek}\\p{^Greek}")).isEqualTo("\\p{IsGreek}\\P{IsGreek}");
        assertThat(fullMatch("\\p{Greek}+", "αβγ")).isTrue();
        assertThat(fullMatch("\\p{Any}", "😀")).isTrue();
    }

    @Test
    void wordBoundaryIsAscii() {
        assertThat(found("x\\b", "xé")).as("é is no word character in RE2").isTrue();
        assertThat(found("(?i)X\\b", "xé")).isTrue();
        assertThat(found("\\bfoo\\b", "a foo.")).isTrue();
        assertThat(found("\\bfoo\\b", "afoo")).isFalse();
        assertThat(found("o\\B", "foo")).isTrue();
    }

    @Test
    void re2OnlySyntaxIsRewritten() {
        assertThat(Regexes.unanchoredJava("(?P<host>web)-(\\d+)")).isEqualTo("(web)\\-([0-9]+)");
        assertThat(fullMatch("(?P<host_1>web)", "web")).isTrue();
        assertThat(Regexes.unanchoredJava("x{,3}")).isEqualTo("x\\{\\,3\\}");
        assertThat(fullMatch("x{,3}", "x{,3}")).as("RE2 reads {,3} as literal text").isTrue();
        assertThat(fullMatch("a{01}", "a{01}")).isTrue();
        assertThat(fullMatch("a{2,3}", "aaa")).isTrue();
        assertThat(fullMatch("\\101\\x42\\x{43}\\0", "ABC\0")).as("octal and hex escapes").isTrue();
        assertThat(fullMatch("\\Qa.b\\E+", "a.bbb")).isTrue();
        assertThat(fullMatch("\\Qa.b\\E+", "axb")).isFalse();
        assertThat(fullMatch("^*a", "a")).isTrue();
    }

    @Test
    void flagsAreScopedLikeRe2() {
        assertThat(Regexes.unanchoredJava("(?i)api")).isEqualTo("(?iu)api");
        assertThat(fullMatch("(?i)api", "API")).isTrue();
        assertThat(fullMatch("(a(?i)b)c", "aBC")).isFalse();
        assertThat(fullMatch("(a(?i)b)c", "aBc")).isTrue();
        assertThat(fullMatch("a(?i)*", "aaa")).as("a quantifier after a flag group repeats the atom before it").isTrue();
        assertThat(fullMatch("(?i:a)b", "Ab")).isTrue();
        assertThat(fullMatch("(?i)é", "É")).isTrue();
        assertThat(find("(?U)a+", "aaa")).containsExactly("0-1", "1-2", "2-3");
        assertThat(find("(?U)a+?", "aaa")).containsExactly("0-3");
    }

    @Test
    void replacementTextStaysLiteral() {
        String replaced = Pattern.compile(Regexes.unanchoredJava("-[0-9]+$"))
                .matcher("web-12").replaceAll(Regexes.literalReplacement("$1\\x"));
        assertThat(replaced).isEqualTo("web$1\\x");
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

    /** The translation agrees with re2j, an RE2 implementation, on every pattern and input here. */
    @Test
    void agreesWithRe2jOnFullMatchAndFirstMatch() {
        List<String> patterns = List.of("api", "a.c", "(?s)a.c", "^ab$", "(?m)^b$", "(?m)$", "\\bfoo\\b", "\\Bo",
                "[[:alpha:]]+", "[[:^digit:]x]", "\\s+", "\\S", "[\\s\\d]", "x{,3}", "a{2,3}", "(?U)a+", "(?i)api",
                "a(?i)b|c", "(a(?i)b)c", "[^]a]", "[a-c-e]", "\\Qa.b\\E+", "\\x41\\x{42}", "\\v", "\\pL+", "\\p{^Greek}",
                "[\\p{Lu}\\d]", "(?P<n>x)y", "web-\\d+", "a|", "(?ms)^.*$", "(?m:^a)|b$", "(a|ab)(c|bcd)(d*)",
                "(?i)\\w", "(?i)[^a-z]", "[[:print:]]+", "[[:cntrl:]]", "-[0-9]+$", "(?i)[^[:space:]]+");
        List<String> inputs = List.of("", "api", "api-gw", "API", "abc", "a\nc", "a\rc", "ab\n", "a\nb\n", "\nb\n",
                "foo bar", "foo_bar", "x,3}", "aaa", "aBc", "aBC", "C", "]", "-", "a.bbb", "AB", "\u000b", "Héllo",
                "αβγ", "web-12", "abcd", "é", "\t\n", "a b\tc", "\u007f", "K", "\ud83d\ude00", "a\u2028b", "a\r\nb");
        List<String> differences = new ArrayList<>();
        for (String pattern : patterns) {
            com.google.re2j.Pattern re2 = com.google.re2j.Pattern.compile(pattern);
            for (String input : inputs) {
                if (re2.matcher(input).matches() != fullMatch(pattern, input)) {
                    differences.add("full " + pattern + " on " + input);
                }
                com.google.re2j.Matcher first = re2.matcher(input);
                String re2First = first.find() ? first.start() + "-" + first.end() : "none";
                List<String> javaMatches = find(pattern, input);
                if (!re2First.equals(javaMatches.isEmpty() ? "none" : javaMatches.get(0))) {
                    differences.add("first " + pattern + " on " + input);
                }
            }
        }
        assertThat(differences).isEmpty();
    }

    private static boolean fullMatch(String re2, String input) {
        assertThat(Regexes.re2Error(re2)).isEmpty();
        return Pattern.compile(Regexes.anchoredJava(re2)).matcher(input).find();
    }

    private static boolean found(String re2, String input) {
        return !find(re2, input).isEmpty();
    }

    /** start-end of every match Java finds with the unanchored translation. */
    private static List<String> find(String re2, String input) {
        assertThat(Regexes.re2Error(re2)).isEmpty();
        java.util.regex.Matcher m = Pattern.compile(Regexes.unanchoredJava(re2)).matcher(input);
        List<String> matches = new ArrayList<>();
        while (m.find()) {
            matches.add(m.start() + "-" + m.end());
        }
        return matches;
    }
}
