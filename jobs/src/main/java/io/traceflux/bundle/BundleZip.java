package io.traceflux.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The bundle as one zip: every file under a top folder named after the execution, in the
 * manifest's order, with one fixed modification time and no extra fields, so that the same
 * files always give the same archive.
 */
final class BundleZip {

    /** Zip stores local date-times; this one is in range for the DOS format and zone-free. */
    static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

    /** Opens a bundle file for reading. */
    @FunctionalInterface
    interface Source {
        InputStream open(String path) throws IOException;
    }

    private BundleZip() {
    }

    /** Writes {@code paths} (relative to the bundle) from {@code source} as {@code <folder>/<path>}. */
    static void write(OutputStream out, String folder, List<String> paths, Source source) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String path : paths) {
                ZipEntry entry = new ZipEntry(folder + "/" + path);
                entry.setTimeLocal(ENTRY_TIME);
                zip.putNextEntry(entry);
                try (InputStream in = source.open(path)) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
    }
}
