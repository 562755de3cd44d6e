package io.traceflux.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Copies the execution's policy file into {@code policy/}: from {@code executions.policy_text}
 * when the writer recorded the text (then the bundle depends on the tables alone), else from
 * {@code policy_path}. A file that cannot be read leaves a note instead of failing the bundle:
 * its identity (id, version, canonical SHA-256) is in the lineage either way.
 */
final class PolicyFile {

    static final String FOLDER = "policy/";
    private static final long MAX_BYTES = 1 << 20;
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

    private PolicyFile() {
    }

    static PolicyCopy copy(Configuration conf, Lineage lineage, BundleWriter out) {
        String path = lineage.text("policy_path");
        String file = FOLDER + name(path);
        String text = lineage.text("policy_text");
        if (text != null) {
            out.bytes(file, o -> o.write(text.getBytes(StandardCharsets.UTF_8)));
            return new PolicyCopy(file, "copied from executions.policy_text");
        }
        if (path == null) {
            return new PolicyCopy(null, "the execution records no policy_path");
        }
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(conf);
            if (fs.getFileStatus(p).getLen() > MAX_BYTES) {
                return new PolicyCopy(null, "policy file larger than " + MAX_BYTES + " bytes: not copied");
            }
            byte[] bytes;
            try (InputStream in = fs.open(p)) {
                bytes = in.readAllBytes();
            }
            out.bytes(file, o -> o.write(bytes));
            return new PolicyCopy(file, "copied from policy_path");
        } catch (IOException | IllegalArgumentException e) {
            return new PolicyCopy(null, "policy file not readable at " + path + ": " + e.getMessage());
        }
    }

    /** The file's own name when it is a safe one, else {@code policy.yaml}. */
    private static String name(String path) {
        String name = path == null ? "" : new Path(path).getName();
        return SAFE_NAME.matcher(name).matches() ? name : "policy.yaml";
    }
}
