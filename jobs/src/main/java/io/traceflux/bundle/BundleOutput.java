package io.traceflux.bundle;

import io.traceflux.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where a bundle goes: {@code <out>/<execution_id>/} and {@code <out>/<execution_id>.zip}. Both
 * are first written to a hidden staging folder beside them and then moved into place, so a
 * reader never sees half a bundle and a rewrite replaces the old one whole.
 */
final class BundleOutput {

    /** SPEC 7.1's execution id syntax; it also keeps the id safe as a folder name. */
    private static final Pattern EXECUTION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final FileSystem fs;
    private final String executionId;
    private final Path dir;
    private final Path zip;
    private final Path staging;

    BundleOutput(Configuration conf, String outDir, String executionId) {
        if (executionId == null || !EXECUTION_ID.matcher(executionId).matches()) {
            throw new InvalidInputException("execution id '" + executionId
                    + "' must match [A-Za-z0-9][A-Za-z0-9._-]{0,127}");
        }
        this.executionId = executionId;
        Path out = new Path(outDir);
        try {
            FileSystem any = out.getFileSystem(conf);
            // The checksummed local file system would leave .crc files inside the bundle.
            this.fs = any instanceof LocalFileSystem local ? local.getRaw() : any;
            out = fs.makeQualified(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + outDir, e);
        }
        this.dir = new Path(out, executionId);
        this.zip = new Path(out, executionId + ".zip");
        this.staging = new Path(out, "." + executionId + ".staging-" + UUID.randomUUID());
    }

    /** A writer into the staged bundle folder. */
    BundleWriter writer() {
        return new BundleWriter(fs, new Path(staging, executionId));
    }

    /** Zips the staged files, in {@code order}, beside the staged folder. */
    void zip(List<String> order) {
        Path folder = new Path(staging, executionId);
        try (OutputStream out = fs.create(new Path(staging, executionId + ".zip"), true)) {
            BundleZip.write(out, executionId, order, path -> fs.open(new Path(folder, path)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bundle zip under " + staging, e);
        }
    }

    /**
     * Replaces any previous bundle of this execution with the staged one, and removes what an
     * interrupted earlier write of it left staged.
     */
    void publish() {
        try {
            fs.delete(dir, true);
            fs.delete(zip, false);
            rename(new Path(staging, executionId), dir);
            rename(new Path(staging, executionId + ".zip"), zip);
            FileStatus[] stale = fs.globStatus(new Path(staging.getParent(), "." + executionId + ".staging-*"));
            for (FileStatus s : stale == null ? new FileStatus[0] : stale) {
                if (!s.getPath().getName().equals(staging.getName())) {
                    fs.delete(s.getPath(), true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the bundle into " + dir, e);
        } finally {
            abandon();
        }
    }

    /** Removes the staging folder (after publishing, or after a failure). */
    void abandon() {
        try {
            fs.delete(staging, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + staging, e);
        }
    }

    String dir() {
        return display(dir);
    }

    String zipPath() {
        return display(zip);
    }

    /** A local path as a plain path, anything else as its URI. */
    private static String display(Path path) {
        return "file".equals(path.toUri().getScheme()) ? path.toUri().getPath() : path.toString();
    }

    private void rename(Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("rename " + from + " -> " + to + " failed");
        }
    }
}
