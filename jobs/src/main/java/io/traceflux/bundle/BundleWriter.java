package io.traceflux.bundle;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes the files of one bundle under a folder (any Hadoop file system) and records the size
 * and SHA-256 of each as it is written, so the manifest never re-reads them. Several threads
 * may write files at once (the table exports run side by side); each path is written once.
 */
final class BundleWriter {

    /** Relative paths: {@code /}-separated segments of letters, digits, dot, dash, underscore. */
    private static final Pattern SAFE_PATH =
            Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");

    /** Writes a file's text. */
    @FunctionalInterface
    interface Body {
        void write(Writer out) throws IOException;
    }

    /** Writes a file's bytes. */
    @FunctionalInterface
    interface ByteBody {
        void write(OutputStream out) throws IOException;
    }

    private final FileSystem fs;
    private final Path root;
    private final Map<String, BundleFile> files = new TreeMap<>();
    private final Set<String> claimed = new HashSet<>();

    BundleWriter(FileSystem fs, Path root) {
        this.fs = fs;
        this.root = root;
    }

    /** Writes {@code path} as UTF-8 text produced by {@code body}. */
    void write(String path, Body body) {
        bytes(path, out -> {
            Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            body.write(text);
            text.flush();
        });
    }

    void text(String path, String text) {
        write(path, out -> out.write(text));
    }

    /** Writes {@code path} from {@code body}, recording its size and hash. */
    void bytes(String path, ByteBody body) {
        if (!SAFE_PATH.matcher(path).matches() || !claim(path)) {
            throw new IllegalArgumentException("bad or repeated bundle path: " + path);
        }
        Sha256.Counting counting;
        try (Sha256.Counting c = new Sha256.Counting(fs.create(new Path(root, path), true));
             OutputStream out = new BufferedOutputStream(c, 1 << 16)) {
            counting = c;
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + new Path(root, path), e);
        }
        synchronized (files) {
            files.put(path, counting.file(path));
        }
    }

    /** Reserves {@code path} for one writer; false when it was written or is being written. */
    private boolean claim(String path) {
        synchronized (claimed) {
            return claimed.add(path);
        }
    }

    /** The files written so far, sorted by path. */
    List<BundleFile> files() {
        synchronized (files) {
            return new ArrayList<>(files.values());
        }
    }
}
