package io.traceflux.policy;

import io.traceflux.InvalidInputException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads a policy version from {@code policies/<id>/v<N>.yaml} (or {@code .yml}, {@code .json}):
 * parse, validate every rule of SPEC 3 and report all errors of the file at once as a
 * {@link PolicyValidationException} (an {@link InvalidInputException}: exit code 2).
 */
public final class PolicyLoader {

    private PolicyLoader() {
    }

    /** The validated policy; {@link Policy#text()} is the file's exact text. */
    public static Policy load(Path file) {
        return PolicyReader.read(file, readText(file));
    }

    /**
     * The validated policy in {@code text} as if read from {@code file} (the id and version are
     * checked against that path): what an execution recorded, read back without the file.
     */
    public static Policy fromText(Path file, String text) {
        return PolicyReader.read(file, text);
    }

    /** The parsed but unvalidated document, for hashing and diffs of any YAML or JSON file. */
    public static PolicyDocument parseDocument(Path file) {
        return PolicyDocument.parse(readText(file), file.toString());
    }

    static String readText(Path file) {
        try {
            return Files.readString(file);
        } catch (MalformedInputException e) {
            throw new PolicyValidationException(List.of(new PolicyError(file.toString(), "", 0, "not UTF-8 text")));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("policy file not found: " + file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read policy file " + file + ": " + e, e);
        }
    }
}
