package io.traceflux.regress;

import io.traceflux.InvalidInputException;
import io.traceflux.execution.ExecutionId;
import io.traceflux.policy.Policy;
import io.traceflux.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a regression run needs, validated before Spark starts (SPEC 7.2): the suite, the
 * optional candidate version, the run id that every derived execution id starts with, and
 * where policies resolve and tables go.
 *
 * @param suite        the validated suite
 * @param candidate    a policy version to replay on every window that lists its policy id
 * @param runId        keys {@code regression_runs}; re-running it replaces its rows
 * @param policiesRoot where the suite's {@code ID@vN} references resolve
 * @param triggeredBy  recorded with every execution
 * @param warehouse    where the tables go
 * @param master       Spark master URL, null for the default
 * @param parallel     how many replays run side by side in the one application (1 to
 *                     {@value #MAX_PARALLEL})
 */
public record RegressionConfig(Suite suite, Optional<Policy> candidate, String runId, Path policiesRoot,
        String triggeredBy, Warehouse warehouse, String master, int parallel) {

    /** More replays at once than this only multiply the driver memory they need. */
    public static final int MAX_PARALLEL = 8;

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    public RegressionConfig {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(policiesRoot, "policiesRoot");
        Objects.requireNonNull(triggeredBy, "triggeredBy");
        Objects.requireNonNull(warehouse, "warehouse");
        if (parallel < 1 || parallel > MAX_PARALLEL) {
            throw new InvalidInputException("--parallel: " + parallel + " is not between 1 and " + MAX_PARALLEL);
        }
        if (!ExecutionId.isValid(runId)) {
            throw new InvalidInputException("--run-id: '" + runId + "' is not a valid id (1-128 characters of "
                    + "A-Z a-z 0-9 . _ -, starting with a letter or digit)");
        }
        candidate.ifPresent(c -> {
            if (!suite.uses(c.id())) {
                throw new InvalidInputException("--candidate " + c.ref() + ": no window of suite " + suite.name()
                        + " (" + suite.file() + ") replays a version of policy " + c.id());
            }
        });
        for (Planned p : plan(suite, candidate, runId)) {
            if (!ExecutionId.isValid(p.executionId())) {
                throw new InvalidInputException("--run-id " + runId + ": the execution id of window " + p.window().name()
                        + " and " + p.replay().policy() + " would be '" + p.executionId()
                        + "', longer than 128 characters: use a shorter run id or window name");
            }
        }
    }

    /**
     * The default run id: the suite and the UTC day ({@code golden-20261207}), and the candidate
     * when there is one, so that a candidate tried by hand never replaces the night's rows.
     */
    public static String defaultRunId(Suite suite, Optional<Policy> candidate, LocalDate day) {
        return suite.name() + "-" + DAY.format(day) + candidate.map(c -> "-" + c.id() + "-v" + c.version()).orElse("");
    }

    /** Today's default run id. */
    public static String defaultRunId(Suite suite, Optional<Policy> candidate) {
        return defaultRunId(suite, candidate, LocalDate.now(ZoneOffset.UTC));
    }

    /** One replay of the run: a window, a policy version, and the execution id derived for them. */
    public record Planned(SuiteWindow window, SuiteReplay replay, boolean candidate, String executionId) {
    }

    /** The replays of this run in suite order; a candidate follows the versions its window lists. */
    public List<Planned> plan() {
        return plan(suite, candidate, runId);
    }

    private static List<Planned> plan(Suite suite, Optional<Policy> candidate, String runId) {
        List<Planned> plan = new ArrayList<>();
        for (SuiteWindow w : suite.windows()) {
            w.policies().forEach(r -> plan.add(new Planned(w, r, false, executionId(runId, w, r))));
            candidate.filter(c -> w.uses(c.id()))
                    .filter(c -> w.policies().stream().noneMatch(r -> r.policy().equals(c.ref())))
                    .map(c -> SuiteReplay.unpinned(c.ref()))
                    .ifPresent(r -> plan.add(new Planned(w, r, true, executionId(runId, w, r))));
        }
        return plan;
    }

    /** {@code <run id>.<window>.<policy id>-v<N>}: the same run, window and version always get the same id. */
    static String executionId(String runId, SuiteWindow window, SuiteReplay replay) {
        return runId + "." + window.name() + "." + replay.policyId() + "-v" + replay.policyVersion();
    }
}
