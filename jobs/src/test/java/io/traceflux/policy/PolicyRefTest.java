package io.traceflux.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traceflux.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyRefTest {

    @TempDir
    Path root;

    @Test
    void resolvesIdAtVersionUnderThePoliciesRoot() {
        Path file = PolicyYaml.minimal().write(root);

        Policy policy = PolicyRef.resolve("p@v1", root);

        assertThat(policy.source()).isEqualTo(file);
        assertThat(policy.ref()).isEqualTo("p@v1");
    }

    @Test
    void findsYmlAndJsonVersionsToo() throws Exception {
        Path yml = PolicyYaml.minimal().set("version", "2").write(root, "p", "v2.yml");
        Path json = PolicyYaml.minimal().set("version", "3").write(root, "p", "v3.json");

        assertThat(PolicyRef.locate("p@v2", root)).isEqualTo(yml);
        assertThat(PolicyRef.locate("p@v3", root)).isEqualTo(json);
    }

    @Test
    void acceptsAPath() {
        Path file = PolicyYaml.minimal().write(root);

        assertThat(PolicyRef.resolve(file.toString(), null).sha256()).isEqualTo(PolicyLoader.load(file).sha256());
    }

    @Test
    void saysWhatIsMissingOrAmbiguous() {
        assertThatThrownBy(() -> PolicyRef.resolve("p@v7", root))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("policy p@v7 not found: no " + root.resolve("p/v7.yaml") + " (nor .yml, .json)");
        assertThatThrownBy(() -> PolicyRef.resolve("p@v1", null))
                .hasMessage("policy p@v1 is an ID@vN reference, but no policies folder is set");
        assertThatThrownBy(() -> PolicyRef.resolve(root.resolve("nope.yaml").toString(), root))
                .hasMessage("policy file not found: " + root.resolve("nope.yaml") + " (give a file path or ID@vN)");
        assertThatThrownBy(() -> PolicyRef.resolve("p@v0", root))
                .hasMessage("policy file not found: p@v0 (give a file path or ID@vN)");

        Path yaml = PolicyYaml.minimal().write(root);
        Path json = PolicyYaml.minimal().write(root, "p", "v1.json");
        assertThatThrownBy(() -> PolicyRef.resolve("p@v1", root)).hasMessage("policy p@v1 is ambiguous: [" + yaml + ", " + json + "]");
    }

    @Test
    void aDirectoryIsNotAPolicyFile() throws Exception {
        Files.createDirectories(root.resolve("p/v1.yaml"));
        assertThatThrownBy(() -> PolicyRef.locate("p@v1", root))
                .hasMessage("policy p@v1 not found: no " + root.resolve("p/v1.yaml") + " (nor .yml, .json)");
    }
}
