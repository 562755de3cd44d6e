package io.traceflux.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traceflux.policy.TitleTemplate.Part;
import org.junit.jupiter.api.Test;

class TitleTemplateTest {

    @Test
    void splitsLiteralsAndPlaceholders() {
        assertThat(TitleTemplate.parse("{count} signals in {region}/{pop}")).containsExactly(
                new Part("count", true), new Part(" signals in ", false), new Part("region", true),
                new Part("/", false), new Part("pop", true));
        assertThat(TitleTemplate.parse("no placeholders")).containsExactly(new Part("no placeholders", false));
    }

    @Test
    void rejectsStrayBraces() {
        assertThatThrownBy(() -> TitleTemplate.parse("{count signals")).hasMessage("'{' at character 1 is not closed by '}'");
        assertThatThrownBy(() -> TitleTemplate.parse("a {b {c}")).hasMessage("'{' at character 3 is not closed by '}'");
        assertThatThrownBy(() -> TitleTemplate.parse("count} x")).hasMessage("'}' without a '{' at character 6");
    }
}
