package io.traceflux.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScopeParserTest {

    @Test
    void parsesNamesAndAlternativeValues() {
        assertThat(ScopeParser.parse("region=eu-west,pop=fra1|ams2"))
                .containsExactly(Map.entry("region", List.of("eu-west")), Map.entry("pop", List.of("fra1", "ams2")));
        assertThat(ScopeParser.parse("pop=|fra1")).containsExactly(Map.entry("pop", List.of("", "fra1")));
    }

    @Test
    void rejectsMalformedScopes() {
        assertThatThrownBy(() -> ScopeParser.parse("")).hasMessage("empty scope: write name=value|value,name=value");
        assertThatThrownBy(() -> ScopeParser.parse("region"))
                .hasMessage("invalid scope \"region\": \"region\" is not name=value|value (names match [A-Za-z_][A-Za-z0-9_./-]*)");
        assertThatThrownBy(() -> ScopeParser.parse("region=a, pop=b"))
                .hasMessage("invalid scope \"region=a, pop=b\": \" pop=b\" is not name=value|value (names match [A-Za-z_][A-Za-z0-9_./-]*)");
        assertThatThrownBy(() -> ScopeParser.parse("region=a,region=b"))
                .hasMessage("invalid scope \"region=a,region=b\": \"region\" appears twice");
    }
}
