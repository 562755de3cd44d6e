package io.traceflux.cli;

import io.traceflux.execution.CodeVersion;
import picocli.CommandLine;

/** {@code --version}: the code version that lineage records. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"traceflux " + CodeVersion.get()};
    }
}
