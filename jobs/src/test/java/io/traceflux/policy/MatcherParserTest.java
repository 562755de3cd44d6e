package io.traceflux.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traceflux.policy.Matcher.Op;
import org.junit.jupiter.api.Test;

class MatcherParserTest {

    @Test
    void parsesTheFourOperators() {
        assertThat(MatcherParser.parse("service=\"api\"")).isEqualTo(new Matcher("service", Op.EQ, "api", "service=\"api\""));
        assertThat(MatcherParser.parse("service!=\"api\"")).isEqualTo(new Matcher("service", Op.NE, "api", "service!=\"api\""));
        assertThat(MatcherParser.parse("host=~\"web-.*\"")).isEqualTo(new Matcher("host", Op.RE, "web-.*", "host=~\"web-.*\""));
        assertThat(MatcherParser.parse("host!~\"web-.*\"")).isEqualTo(new Matcher("host", Op.NRE, "web-.*", "host!~\"web-.*\""));
    }

    @Test
    void unescapesQuoteAndBackslashAndKeepsEveryOtherBackslash() {
        assertThat(MatcherParser.parse("message=\"say \\\"hi\\\"\"").value()).isEqualTo("say \"hi\"");
        assertThat(MatcherParser.parse("path=\"C:\\\\dir\"").value()).isEqualTo("C:\\dir");
        assertThat(MatcherParser.parse("host=~\"web-\\d+\"").value()).isEqualTo("web-\\d+");
        assertThat(MatcherParser.parse("message=\"a\\nb\"").value()).isEqualTo("a\\nb");
        assertThat(MatcherParser.parse("message=\"ends with \\\\\"").value()).isEqualTo("ends with \\");
    }

    @Test
    void acceptsEmptyValuesNameCharactersAndBlanksAroundTokens() {
        assertThat(MatcherParser.parse("host=\"\"")).isEqualTo(new Matcher("host", Op.EQ, "", "host=\"\""));
        assertThat(MatcherParser.parse("k8s.io/app-name_1=\"x\"").name()).isEqualTo("k8s.io/app-name_1");
        assertThat(MatcherParser.parse(" service =~ \"api\"\t"))
                .isEqualTo(new Matcher("service", Op.RE, "api", " service =~ \"api\"\t"));
    }

    @Test
    void explainsSyntaxErrors() {
        assertError("service=api", "the value must be in double quotes, like service=\"api\"");
        assertError("service=\"api", "unterminated quoted value (a \" inside the value is written \\\")");
        assertError("service=\"api\\\"", "unterminated quoted value (a \" inside the value is written \\\")");
        assertError("service=\"api\" x", "unexpected text after the closing quote: x");
        assertError("service=\"a\"\"b\"", "unexpected text after the closing quote: \"b\"");
        assertError("9service=\"x\"", "expected a name at the start, like service=\"api\"");
        assertError("service \"x\"", "expected =, !=, =~ or !~ after the name \"service\" (names match [A-Za-z_][A-Za-z0-9_./-]*)");
        assertError("ser vice=\"x\"", "expected =, !=, =~ or !~ after the name \"ser\" (names match [A-Za-z_][A-Za-z0-9_./-]*)");
        assertError("", "empty matcher");
    }

    @Test
    void rejectsRegexesOutsideRe2() {
        assertError("host=~\"(a)\\1\"", "invalid regex: backreferences (\\1 ...) are not supported by RE2: invalid escape sequence: `\\1`");
        assertError("host!~\"a(?=b)\"",
                "invalid regex: lookahead and lookbehind ((?=, (?!, (?<=, (?<!) are not supported by RE2: invalid or unsupported Perl syntax: `(?=`");
        assertError("host=~\"[a\"", "invalid regex: missing closing ]: `[a`");
        assertThat(MatcherParser.parse("host=\"[a\"").value()).isEqualTo("[a");
    }

    private static void assertError(String text, String message) {
        assertThatThrownBy(() -> MatcherParser.parse(text))
                .isInstanceOf(PolicySyntaxException.class)
                .hasMessage("invalid matcher '" + text + "': " + message);
    }
}
