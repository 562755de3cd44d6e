package io.traceflux.execution;

/**
 * The version of this code recorded in lineage: the jar's version, plus the git commit that
 * the launcher passes as {@code -Dtraceflux.commit} when it knows it.
 */
public final class CodeVersion {

    private CodeVersion() {
    }

    public static String get() {
        String version = CodeVersion.class.getPackage().getImplementationVersion();
        String commit = System.getProperty("traceflux.commit");
        String base = version == null ? "dev" : version;
        return commit == null || commit.isBlank() ? base : base + "+" + commit;
    }
}
