package io.traceflux.policy;

import io.traceflux.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Resolves what {@code --policy} and {@code --baseline policy:} accept: {@code ID@vN}, looked up as
 * {@code <policiesRoot>/ID/vN.yaml} (or {@code .yml}, {@code .json}), or else a file path. Text
 * that has the {@code ID@vN} shape is always a reference, never a path.
 */
public final class PolicyRef {

    private static final Pattern REF = Pattern.compile("(" + PolicyReader.ID + ")@v([1-9][0-9]{0,8})");
    private static final List<String> EXTENSIONS = List.of("yaml", "yml", "json");

    private PolicyRef() {
    }

    /** Whether {@code text} has the {@code ID@vN} shape (and so is never read as a path). */
    public static boolean isReference(String text) {
        return REF.matcher(text).matches();
    }

    /** The validated policy that {@code refOrPath} names. */
    public static Policy resolve(String refOrPath, Path policiesRoot) {
        return PolicyLoader.load(locate(refOrPath, policiesRoot));
    }

    /** The file that {@code refOrPath} names; {@link InvalidInputException} when there is none or several. */
    public static Path locate(String refOrPath, Path policiesRoot) {
        java.util.regex.Matcher ref = REF.matcher(refOrPath);
        if (ref.matches()) {
            if (policiesRoot == null) {
                throw new InvalidInputException("policy " + refOrPath + " is an ID@vN reference, but no policies folder is set");
            }
            Path folder = policiesRoot.resolve(ref.group(1));
            List<Path> found = EXTENSIONS.stream()
                    .map(ext -> folder.resolve("v" + ref.group(2) + "." + ext))
                    .filter(Files::isRegularFile)
                    .toList();
            if (found.size() != 1) {
                throw new InvalidInputException("policy " + refOrPath + (found.isEmpty()
                        ? " not found: no " + folder.resolve("v" + ref.group(2) + ".yaml") + " (nor .yml, .json)"
                        : " is ambiguous: " + found));
            }
            return found.get(0);
        }
        try {
            Path path = Path.of(refOrPath);
            if (Files.isRegularFile(path)) {
                return path;
            }
        } catch (InvalidPathException e) {
            // reported below like any other missing file
        }
        throw new InvalidInputException("policy file not found: " + refOrPath + " (give a file path or ID@vN)");
    }
}
