package io.traceflux.cli;

import io.traceflux.ExitCode;
import io.traceflux.policy.Policy;
import io.traceflux.policy.PolicyLoader;
import io.traceflux.policy.PolicyDiff;
import io.traceflux.policy.PolicyValidationException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code traceflux policy validate|hash|diff}: policy files without Spark. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Validate, hash and compare policy versions; which version is active where (no Spark needed).",
        subcommands = {PolicyCommand.Validate.class, PolicyCommand.Hash.class, PolicyCommand.Diff.class,
            PolicyActiveCommand.class},
        footer = {"", "Examples:", "  traceflux policy validate policies/tt-checkout/*.yaml",
            "  traceflux policy hash policies/tt-checkout/v2.yaml",
            "  traceflux policy diff policies/tt-checkout/v1.yaml policies/tt-checkout/v2.yaml",
            "  traceflux policy active --policy tt-checkout --scope 'region=cn-east'"})
final class PolicyCommand {

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check policy files; every error is reported with its path and line. Exit 2 if any is invalid.",
            footer = {"", "Example:", "  traceflux policy validate policies/tt-checkout/v1.yaml policies/tt-checkout/v2.yaml"})
    static final class Validate implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "FILE")
        List<Path> files;

        @Override
        public Integer call() {
            int exit = ExitCode.OK;
            for (Path file : files) {
                try {
                    Policy p = PolicyLoader.load(file);
                    System.out.println("ok      " + file + "  " + p.ref() + "  sha256 " + p.sha256());
                } catch (PolicyValidationException e) {
                    System.out.println("invalid " + file);
                    System.err.println(e.getMessage());
                    exit = ExitCode.INVALID_INPUT;
                }
            }
            return exit;
        }
    }

    @Command(name = "hash", mixinStandardHelpOptions = true,
            description = "Print the canonical SHA-256 of a policy file (sorted-key JSON of the parsed document).",
            footer = {"", "Example:", "  traceflux policy hash policies/tt-checkout/v2.yaml"})
    static final class Hash implements Callable<Integer> {
        @Parameters(arity = "1", paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() {
            System.out.println(PolicyLoader.load(file).sha256());
            return ExitCode.OK;
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "Show what changed between two policy versions, structurally.",
            footer = {"", "Example:", "  traceflux policy diff policies/tt-checkout/v1.yaml policies/tt-checkout/v2.yaml"})
    static final class Diff implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "OLD")
        Path older;

        @Parameters(index = "1", paramLabel = "NEW")
        Path newer;

        @Override
        public Integer call() {
            Policy a = PolicyLoader.load(older);
            Policy b = PolicyLoader.load(newer);
            System.out.println("--- " + older + "  " + a.ref() + "  sha256 " + a.sha256());
            System.out.println("+++ " + newer + "  " + b.ref() + "  sha256 " + b.sha256());
            List<String> changes = PolicyDiff.diff(a, b);
            if (changes.isEmpty()) {
                System.out.println("(no differences)");
            }
            changes.forEach(System.out::println);
            return ExitCode.OK;
        }
    }
}
