package io.traceflux.regress;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A regression suite (SPEC 7.2): a versioned list of golden windows, each with the policy
 * versions to replay on it and the figures each replay must keep. Read and validated by
 * {@link SuiteReader}; immutable.
 *
 * @param name           the suite's id, part of default run ids
 * @param version        the suite's version, recorded with every row it produces
 * @param description    free text, may be empty
 * @param policiesFolder where {@code ID@vN} references resolve, from the file's
 *                       {@code policies_folder} (absolute); empty when the file sets none
 * @param windows        the windows, in file order
 * @param file           the file it was read from
 */
public record Suite(String name, int version, String description, Optional<Path> policiesFolder,
        List<SuiteWindow> windows, Path file) {

    public Suite {
        Objects.requireNonNull(name, "name");
        windows = List.copyOf(windows);
    }

    /** Whether any window replays a version of policy {@code policyId}. */
    public boolean uses(String policyId) {
        return windows.stream().anyMatch(w -> w.uses(policyId));
    }
}
