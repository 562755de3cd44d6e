package io.traceflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code traceflux options}: the JSON that schedulers check their arguments against. */
class OptionsCommandTest {

    private static JsonNode options() throws Exception {
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(Main.run("options")).isZero();
        } finally {
            System.setOut(oldOut);
        }
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyCommandIsListedByItsQualifiedName() throws Exception {
        List<String> names = new ArrayList<>();
        options().fieldNames().forEachRemaining(names::add);

        assertThat(names).contains("traceflux", "traceflux replay", "traceflux executions", "traceflux executions list",
                "traceflux executions show", "traceflux policy validate", "traceflux bundle", "traceflux options");
        assertThat(options().get("traceflux executions").get("subcommands")).extracting(JsonNode::asText)
                .containsExactly("list", "show");
    }

    @Test
    void replaysOptionsCarryWhatACallerMustKnow() throws Exception {
        JsonNode replay = options().get("traceflux replay").get("options");

        assertThat(replay.get("--capture").get("required").asBoolean()).isTrue();
        assertThat(replay.get("--capture").get("takes_value").asBoolean()).isTrue();
        assertThat(replay.get("--capture").get("param").asText()).isEqualTo("PATH[@VERSION]");
        assertThat(replay.get("--baseline").get("required").asBoolean()).isFalse();
        assertThat(replay.get("--mode").get("default").asText()).isEqualTo("dry-run");
        assertThat(replay.get("--help").get("takes_value").asBoolean()).isFalse();
        assertThat(replay.get("--help").get("aliases")).extracting(JsonNode::asText).containsExactly("-h", "--help");
        // The mixin's options belong to the command that mixes them in.
        assertThat(replay.has("--warehouse")).isTrue();
        assertThat(replay.has("--master")).isTrue();
    }

    @Test
    void positionalParametersAreListed() throws Exception {
        JsonNode show = options().get("traceflux executions show").get("positionals");

        assertThat(show).hasSize(1);
        assertThat(show.get(0).get("param").asText()).isEqualTo("ID");
    }
}
