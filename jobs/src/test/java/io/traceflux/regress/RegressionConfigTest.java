package io.traceflux.regress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traceflux.InvalidInputException;
import io.traceflux.policy.Policy;
import io.traceflux.policy.PolicyRef;
import io.traceflux.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The plan of a run and its ids: derived, stable, checked before Spark starts. */
class RegressionConfigTest {

    static final Path REPO = Path.of(System.getProperty("traceflux.repo", ".."));
    static final Suite GOLDEN = SuiteReader.read(REPO.resolve("test-data/golden/suite.yaml"));
    static final Path POLICIES = REPO.resolve("policies");

    @Test
    void everyWindowAndPolicyGetsAnIdDerivedFromTheRun() {
        RegressionConfig config = config(Optional.empty(), "nightly-2026-12-06");

        assertThat(config.plan()).hasSize(10);
        assertThat(config.plan()).extracting(RegressionConfig.Planned::executionId).doesNotHaveDuplicates()
                .contains("nightly-2026-12-06.lanl-storm-sys2-1998-11-18.hpc-storm-v1",
                        "nightly-2026-12-06.lanl-storm-sys2-1998-11-18.hpc-storm-v2");
        assertThat(config(Optional.empty(), "nightly-2026-12-06").plan()).isEqualTo(config.plan());
    }

    @Test
    void aCandidateJoinsEveryWindowOfItsPolicyOnce() {
        RegressionConfig candidate = config(Optional.of(PolicyRef.resolve("tt-checkout@v2", POLICIES)), "r");
        RegressionConfig listed = config(Optional.of(PolicyRef.resolve("hpc-storm@v2", POLICIES)), "r");

        // tt-checkout@v1 is listed on the two Train-Ticket windows: v2 follows it there.
        assertThat(candidate.plan()).hasSize(12).filteredOn(RegressionConfig.Planned::candidate)
                .extracting(p -> p.window().name() + " " + p.executionId())
                .containsExactly("nezha-tt-travel-exception r.nezha-tt-travel-exception.tt-checkout-v2",
                        "nezha-tt-preserve-cpu r.nezha-tt-preserve-cpu.tt-checkout-v2");
        assertThat(candidate.plan().get(3).replay().policy()).isEqualTo("tt-checkout@v2");
        assertThat(candidate.plan().get(3).replay().expected()).isEmpty();
        // hpc-storm@v2 is already listed where hpc-storm is: it runs once, as listed.
        assertThat(listed.plan()).hasSize(10).noneMatch(RegressionConfig.Planned::candidate);
    }

    @Test
    void theDefaultRunIdIsTheSuiteAndTheDayAndTheCandidate() {
        LocalDate day = LocalDate.of(2026, 12, 7);
        Policy candidate = PolicyRef.resolve("hpc-storm@v2", POLICIES);

        assertThat(RegressionConfig.defaultRunId(GOLDEN, Optional.empty(), day)).isEqualTo("golden-20261207");
        assertThat(RegressionConfig.defaultRunId(GOLDEN, Optional.of(candidate), day))
                .isEqualTo("golden-20261207-hpc-storm-v2");
    }

    @Test
    void badRunIdsAreInvalidInput() {
        assertThatThrownBy(() -> config(Optional.empty(), "night 1")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("--run-id: 'night 1' is not a valid id");
        assertThatThrownBy(() -> config(Optional.empty(), "r".repeat(100))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("the execution id of window nezha-ob-currency-cpu and nezha-ob@v1 would be");
    }

    @Test
    void replaysSideBySideAreOneToEight() {
        for (int parallel : new int[] {0, 9}) {
            assertThatThrownBy(() -> new RegressionConfig(GOLDEN, Optional.empty(), "r", POLICIES, "test",
                    new Warehouse("/tmp/wh"), null, parallel)).isInstanceOf(InvalidInputException.class)
                    .hasMessage("--parallel: " + parallel + " is not between 1 and 8");
        }
        assertThat(new RegressionConfig(GOLDEN, Optional.empty(), "r", POLICIES, "test", new Warehouse("/tmp/wh"),
                null, 8).parallel()).isEqualTo(8);
    }

    private static RegressionConfig config(Optional<Policy> candidate, String runId) {
        return new RegressionConfig(GOLDEN, candidate, runId, POLICIES, "test", new Warehouse("/tmp/wh"), null, 1);
    }
}
