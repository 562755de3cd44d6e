package io.traceflux.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Expected values were computed outside Java, with Python:
 * {@code json.dumps(doc, sort_keys=True, separators=(',', ':'), ensure_ascii=False)} and
 * {@code hashlib.sha256(text.encode()).hexdigest()}.
 */
class PolicyHashTest {

    private static final String YAML = String.join("\n",
            "# a comment that must not count",
            "b: [1, true, null]",
            "a: \"é\\x01\\n\\\"\\\\\"   # YAML escapes: \\x01, newline, quote, backslash",
            "c: 0.5",
            "d:",
            "  z: 1",
            "  y: []",
            "");
    private static final String SAME_AS_JSON = "{\"d\": {\"y\": [], \"z\": 1}, \"c\": 0.5,\n \"a\": \"é\\u0001\\n\\\"\\\\\", \"b\": [1, true, null]}";

    @Test
    void canonicalFormIsSortedCompactJsonLikePython() {
        assertThat(PolicyHash.canonicalJson(parse(YAML)))
                .isEqualTo("{\"a\":\"é\\u0001\\n\\\"\\\\\",\"b\":[1,true,null],\"c\":0.5,\"d\":{\"y\":[],\"z\":1}}");
        assertThat(PolicyHash.canonicalSha256(parse(YAML)))
                .isEqualTo("1910befda3d160dfa095b0134e01a8270f72a1c7f36654ee05525d367b08d9dc");
    }

    @Test
    void yamlAndJsonOfTheSameDocumentHashAlike() {
        assertThat(PolicyHash.canonicalSha256(parse(SAME_AS_JSON))).isEqualTo(PolicyHash.canonicalSha256(parse(YAML)));
    }

    @Test
    void anyValueChangesTheHash() {
        String base = PolicyHash.canonicalSha256(parse(YAML));
        assertThat(PolicyHash.canonicalSha256(parse(YAML.replace("c: 0.5", "c: 0.25")))).isNotEqualTo(base);
        assertThat(PolicyHash.canonicalSha256(parse(YAML.replace("b: [1, true, null]", "b: [true, 1, null]")))).isNotEqualTo(base);
        assertThat(PolicyHash.canonicalSha256(parse("x: 2"))).isNotEqualTo(PolicyHash.canonicalSha256(parse("x: 2.0")));
        assertThat(PolicyHash.canonicalSha256(parse("x: 2"))).isNotEqualTo(PolicyHash.canonicalSha256(parse("x: \"2\"")));
    }

    @Test
    void keysSortByCodePointNotUtf16() {
        assertThat(PolicyHash.canonicalJson(parse("\"\\U0001F600\": 2\n\"\\uFFFD\": 1\na: 4\nZ: 3\né: 5\n")))
                .isEqualTo("{\"Z\":3,\"a\":4,\"é\":5,\"\uFFFD\":1,\"\uD83D\uDE00\":2}");
    }

    @Test
    void floatsAreWrittenAsPythonReprs() {
        double[] values = {0.95, 2.0, 0.0001, 0.00001, 1e15, 1e16, 1.5e-7, 123.456, 5e-324, Double.MAX_VALUE, 0.1 + 0.2,
            -0.0, -2.5, 3 * Double.MIN_VALUE, 9007199254740993.0, 1e22, 1e23, 0x1p63, 0.3};
        List<String> python = List.of("0.95", "2.0", "0.0001", "1e-05", "1000000000000000.0", "1e+16", "1.5e-07", "123.456",
                "5e-324", "1.7976931348623157e+308", "0.30000000000000004", "-0.0", "-2.5", "1.5e-323",
                "9007199254740992.0", "1e+22", "1e+23", "9.223372036854776e+18", "0.3");
        assertThat(IntStream.range(0, values.length).mapToObj(i -> CanonicalJson.pythonRepr(values[i])).toList())
                .isEqualTo(python);
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String text) {
        return PolicyDocument.parse(text, "test.yaml").root();
    }
}
