package io.traceflux.bundle;

/**
 * The outcome of {@link VerifyBundle}.
 *
 * @param source  the folder or zip checked
 * @param file    the first file that failed (bundle-relative path), or null when all passed
 * @param problem what is wrong with it, or null
 * @param checked files whose hash matched before the first failure (all of them on success)
 */
public record VerifyResult(String source, String file, String problem, int checked) {

    public boolean ok() {
        return file == null;
    }

    /** One line for people: {@code OK: 23 files match manifest.json} or the failing file and why. */
    public String message() {
        return ok() ? "OK: " + checked + " files match " + Manifest.FILE + " in " + source
                : "FAILED: " + file + ": " + problem + " (in " + source + ")";
    }
}
