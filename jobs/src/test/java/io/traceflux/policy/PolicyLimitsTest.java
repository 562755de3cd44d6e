package io.traceflux.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile policy text is refused with one line per problem, naming the file and the line, before
 * it can exhaust the parser: size, encoding, nesting, string length, aliases, tags, error count.
 */
class PolicyLimitsTest {

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        return write(text.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(byte[] bytes) throws IOException {
        return Files.write(Files.createDirectories(dir.resolve("p")).resolve("v1.yaml"), bytes);
    }

    private static String refusal(Path file) {
        return catchThrowableOfType(PolicyValidationException.class, () -> PolicyLoader.load(file)).getMessage();
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedBeforeParsing() throws IOException {
        String policy = PolicyYaml.minimal().text();
        String padded = policy + "#".repeat(PolicyLoader.MAX_BYTES - policy.length() - 1) + "\n";
        assertThat(PolicyLoader.load(write(padded)).id()).as("exactly at the limit").isEqualTo("p");

        Path file = write(padded + "#");
        assertThat(refusal(file)).isEqualTo(file + ": larger than 256 KiB, the most a policy file may hold");
    }

    @Test
    void textThatIsNotUtf8IsRefusedAtItsLine() throws IOException {
        Path file = write(new byte[] {'p', ':', ' ', 'a', '\n', 'b', ':', ' ', (byte) 0xE9, '\n'});
        assertThat(refusal(file)).isEqualTo(file + ":2: not UTF-8 text (byte 0xE9 at offset 8)");
        Path utf16 = write("policy: p\n".getBytes(StandardCharsets.UTF_16));
        assertThat(refusal(utf16)).isEqualTo(utf16 + ":1: not UTF-8 text (byte 0xFE at offset 0)");
    }

    @Test
    void deepNestingIsRefusedWithoutExhaustingTheStack() throws IOException {
        Path lists = write("policy: p\nversion: 1\ndescription: " + "[".repeat(10_000) + "\n");
        assertThat(refusal(lists)).startsWith(lists + ":3: description[0][0]").endsWith(": nested deeper than 64 levels of lists and mappings")
                .doesNotContain("\n");
        Path mappings = write("policy: p\nversion: 1\ndescription: " + "{a: ".repeat(10_000) + "1" + "}".repeat(10_000) + "\n");
        assertThat(refusal(mappings)).contains("description.a.a.a").endsWith("nested deeper than 64 levels of lists and mappings");
    }

    @Test
    void overlongStringsAndKeysAreRefused() throws IOException {
        Path value = write(PolicyYaml.minimal().set("description", "x".repeat(70_000)).text());
        assertThat(refusal(value)).isEqualTo(value + ":5: description: a string of 70000 characters; at most 65536 are allowed");
        Path key = write(PolicyYaml.minimal().text() + "? " + "k".repeat(70_000) + "\n: 1\n");
        assertThat(refusal(key)).isEqualTo(key + ":5: a key of 70000 characters; at most 65536 are allowed");
    }

    @Test
    void anAliasBombIsNeverExpandedAndItsErrorsAreCapped() throws IOException {
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'z'; c++) {
            bomb.append(c).append(": &").append(c).append(" [").append(("*" + (char) (c - 1) + ",").repeat(9)).append("]\n");
        }
        Path file = write(bomb.toString());
        String message = refusal(file);
        assertThat(message.lines()).hasSize(Problems.MAX_REPORTED + 1);
        assertThat(message).contains(file + ":2: b[0]: YAML aliases (*a) are not supported: write the value out")
                .endsWith(file + ": and 205 more errors");
    }

    @Test
    void tagsAreRefusedBecauseAPolicyIsPlainData() throws IOException {
        Path file = write(PolicyYaml.minimal().set("description", "!!java.lang.Runtime {}").set("x", "!!str y").text());
        assertThat(refusal(file)).contains(file + ":5: description: YAML tags (!!java.lang.Runtime) are not supported: a policy is plain data")
                .contains(file + ":6: x: YAML tags (!!str) are not supported: a policy is plain data");
    }

    @Test
    void hugeNumbersAreRefusedAsNumbers() throws IOException {
        Path file = write(PolicyYaml.minimal().set("version", "9".repeat(5_000)).text());
        assertThat(refusal(file)).startsWith(file + ":2: ").doesNotContain("\n");
        Path big = write(PolicyYaml.minimal().set("version", "99999999999999999999").text());
        assertThat(refusal(big)).isEqualTo(big + ":2: version: expected a whole number, got one too large");
    }

    @Test
    void everyErrorIsOneLineWhateverTheFileHolds() throws IOException {
        Path file = write(PolicyYaml.minimal().set("suppression", "[{id: a, drop: [\"pop=\\nfra1\\u0007\"]}]").text());
        assertThat(refusal(file)).isEqualTo(file + ":5: suppression[0].drop[0]: invalid matcher 'pop=\\nfra1\\u0007': "
                + "the value must be in double quotes, like service=\"api\"");
        Path longValue = write(PolicyYaml.minimal().set("suppression", "[{id: a, drop: ['pop=" + "x".repeat(1000) + "']}]").text());
        assertThat(refusal(longValue)).hasSizeLessThan(700).containsPattern("\\.\\.\\. \\(10[0-9]{2} characters\\)$");
    }
    /** A suppression rule per pattern, each dropping host=~PATTERN, all on line 5. */
    private static String rules(List<String> patterns) {
        StringBuilder rules = new StringBuilder("[");
        for (int i = 0; i < patterns.size(); i++) {
            rules.append(i == 0 ? "" : ", ").append("{id: r").append(i).append(", drop: ['host=~\"")
                    .append(patterns.get(i)).append("\"']}");
        }
        return rules.append(']').toString();
    }

    @Test
    void regexesThatTogetherExceedThePolicysBudgetAreRefusedAtTheLargest() throws IOException {
        String pattern = "(.*){60}#";
        long size = Re2Size.of(pattern).instructions();
        assertThat(size).as("one pattern within its own limit").isBetween(200L, (long) Regexes.MAX_INSTRUCTIONS);
        int fitting = (int) (RegexBudget.MAX_POLICY_INSTRUCTIONS / size);
        List<String> patterns = new ArrayList<>(Collections.nCopies(fitting, pattern));
        Path within = write(PolicyYaml.minimal().set("suppression", rules(patterns)).text());
        assertThat(PolicyLoader.load(within).suppression()).hasSize(fitting);

        patterns.add(2, "(.*){61}#");
        long total = size * fitting + Re2Size.of("(.*){61}#").instructions();
        Path over = write(PolicyYaml.minimal().set("suppression", rules(patterns)).text());
        assertThat(refusal(over)).isEqualTo(String.format("%s:5: suppression[2].drop[0]: the policy's %d regexes add up"
                + " to about %,d RE2 instructions, more than the 2,000 allowed per policy (every signal runs each of"
                + " them); this one, the largest, is %,d: use fewer or simpler patterns, or literal alternatives like"
                + " a|b, which cost nothing", over, fitting + 1, total, Re2Size.of("(.*){61}#").instructions()));
    }

    @Test
    void literalPatternsCostNothingAgainstTheBudget() throws IOException {
        List<String> literals = Collections.nCopies(500, "web-01|web-02|api\\\\.example");
        Path file = write(PolicyYaml.minimal().set("suppression", rules(literals))
                .set("fingerprint", "{fields: [{name: host, normalize: {pattern: 'web', replace: 'w'}}]}").text());
        assertThat(PolicyLoader.load(file).suppression()).hasSize(500);
    }
    @Test
    void normalizePatternsCountAgainstTheBudgetToo() throws IOException {
        String pattern = "(.*){60}#";
        int fitting = (int) (RegexBudget.MAX_POLICY_INSTRUCTIONS / Re2Size.of(pattern).instructions());
        Path file = write(PolicyYaml.minimal()
                .set("fingerprint", "{fields: [{name: host, normalize: {pattern: '" + pattern + "', replace: x}}]}")
                .set("suppression", rules(Collections.nCopies(fitting, pattern))).text());
        assertThat(refusal(file)).startsWith(file + ":3: fingerprint.fields[0].normalize.pattern: the policy's "
                + (fitting + 1) + " regexes add up to about");
    }
}
