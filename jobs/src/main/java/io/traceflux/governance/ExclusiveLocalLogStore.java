package io.traceflux.governance;

import io.delta.storage.HDFSLogStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * Delta's commit protocol on a local disk across processes: a commit file {@code
 * _delta_log/<version>.json} is created only if no other writer created it first.
 *
 * <p>Delta's {@link HDFSLogStore} checks that the file is absent and then renames a temporary
 * file onto it. HDFS's rename fails when the target exists; a local file system's rename
 * replaces it, so two processes committing the same version could both "succeed", the second
 * silently erasing the first (its lock only covers one JVM, and Kernel creates a new store per
 * write). Here the fully written temporary file is hard-linked to the commit path instead:
 * {@code link(2)} fails atomically with {@code EEXIST}, which Kernel turns into a conflict and
 * a retry. Every other file system, and every overwrite, is left to {@link HDFSLogStore}.
 */
public final class ExclusiveLocalLogStore extends HDFSLogStore {

    public ExclusiveLocalLogStore(Configuration hadoopConf) {
        super(hadoopConf);
    }

    @Override
    public void write(Path path, Iterator<String> actions, Boolean overwrite, Configuration hadoopConf)
            throws IOException {
        FileSystem fs = path.getFileSystem(hadoopConf);
        if (overwrite || !(fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem)) {
            super.write(path, actions, overwrite, hadoopConf);
            return;
        }
        java.nio.file.Path target = java.nio.file.Path.of(path.toUri().getPath());
        java.nio.file.Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE, StandardOpenOption.SYNC)) {
                while (actions.hasNext()) {
                    out.write((actions.next() + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(path.toString());
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
