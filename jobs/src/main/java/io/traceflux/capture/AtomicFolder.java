package io.traceflux.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * A folder that appears whole or not at all: everything is written into a hidden temporary
 * folder beside the target ({@code .<name>.cut-<random>}), which one rename then turns into the
 * target. A crash leaves at most that hidden folder, never a half-written target. The rename is
 * atomic on local and HDFS-like file systems; object stores (s3a) copy, so there a reader could
 * see the target while it is being copied.
 */
final class AtomicFolder {

    private final FileSystem fs;
    private final Path target;
    private final Path temp;

    private AtomicFolder(FileSystem fs, Path target) {
        this.fs = fs;
        this.target = fs.makeQualified(target);
        this.temp = new Path(this.target.getParent(), "." + this.target.getName() + ".cut-" + UUID.randomUUID());
    }

    /** A fresh temporary folder beside {@code target} (created, with the target's parent). */
    static AtomicFolder beside(FileSystem fs, Path target) {
        AtomicFolder folder = new AtomicFolder(fs, target);
        try {
            fs.mkdirs(folder.temp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder.temp, e);
        }
        return folder;
    }

    /** Where to write. */
    Path temp() {
        return temp;
    }

    /**
     * Renames the temporary folder to the target. An empty target folder is replaced; false,
     * with nothing changed, when the target holds anything (someone else got there first).
     */
    boolean publish() {
        try {
            if (fs.exists(target)) {
                if (!isEmptyFolder(fs, target)) {
                    return false;
                }
                fs.delete(target, false);
            }
            // FileContext's rename fails when the target exists, where FileSystem's would move
            // the folder into it.
            FileContext.getFileContext(target.toUri(), fs.getConf())
                    .rename(temp, target, Options.Rename.NONE);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + temp + " to " + target, e);
        }
    }

    /** Removes the temporary folder and everything in it. */
    void discard() {
        try {
            fs.delete(temp, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + temp, e);
        }
    }

    static boolean isEmptyFolder(FileSystem fs, Path path) throws IOException {
        FileStatus status = fs.getFileStatus(path);
        return status.isDirectory() && fs.listStatus(path).length == 0;
    }
}
