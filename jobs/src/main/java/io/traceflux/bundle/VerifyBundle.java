package io.traceflux.bundle;

import io.traceflux.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Checks a bundle folder or zip against its manifest: the manifest itself first (canonical,
 * self-hash), then every listed file's size and SHA-256 in the manifest's order, then that no
 * unlisted file is present. The result names the first file that differs.
 *
 * <pre>{@code
 * VerifyResult r = VerifyBundle.of(Path.of("bundles/exec-1.zip")).execute();
 * if (!r.ok()) System.err.println(r.message());
 * }</pre>
 */
public final class VerifyBundle {

    private final Path source;

    private VerifyBundle(Path source) {
        this.source = source;
    }

    /** A bundle folder, or a {@code .zip} written beside one. */
    public static VerifyBundle of(Path source) {
        return new VerifyBundle(source);
    }

    /** @throws InvalidInputException when the path is neither a folder nor a readable zip */
    public VerifyResult execute() {
        if (Files.isDirectory(source)) {
            return verify(folderEntries());
        }
        if (!Files.isRegularFile(source)) {
            throw new InvalidInputException(source + ": no bundle folder or zip there");
        }
        try (ZipFile zip = new ZipFile(source.toFile())) {
            return verify(zipEntries(zip));
        } catch (IOException e) {
            throw new InvalidInputException(source + ": not a readable zip: " + e.getMessage(), e);
        }
    }

    /** Opens one entry of the bundle. */
    @FunctionalInterface
    private interface Entry {
        InputStream open() throws IOException;
    }

    private VerifyResult verify(Map<String, Entry> entries) {
        try {
            Entry manifest = entries.remove(Manifest.FILE);
            if (manifest == null) {
                return failed(Manifest.FILE, "missing", 0);
            }
            List<BundleFile> listed;
            try (InputStream in = manifest.open()) {
                listed = Manifest.check(in.readAllBytes());
            } catch (Manifest.Invalid e) {
                return failed(Manifest.FILE, e.getMessage(), 0);
            }
            int checked = 0;
            for (BundleFile expected : listed) {
                Entry entry = entries.remove(expected.path());
                String problem = entry == null ? "listed in the manifest but missing" : compare(expected, entry);
                if (problem != null) {
                    return failed(expected.path(), problem, checked);
                }
                checked++;
            }
            if (!entries.isEmpty()) {
                return failed(entries.keySet().iterator().next(), "not listed in the manifest", checked);
            }
            return new VerifyResult(source.toString(), null, null, checked);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
    }

    private static String compare(BundleFile expected, Entry entry) throws IOException {
        BundleFile actual;
        try (InputStream in = entry.open()) {
            actual = Sha256.of(expected.path(), in);
        }
        if (actual.size() != expected.size()) {
            return "size " + actual.size() + " bytes, manifest says " + expected.size();
        }
        if (!actual.sha256().equals(expected.sha256())) {
            return "SHA-256 " + actual.sha256() + ", manifest says " + expected.sha256();
        }
        return null;
    }

    private VerifyResult failed(String file, String problem, int checked) {
        return new VerifyResult(source.toString(), file, problem, checked);
    }

    /** Every regular file under the folder by relative path, sorted. */
    private Map<String, Entry> folderEntries() {
        Map<String, Entry> entries = new TreeMap<>();
        try (Stream<Path> files = Files.walk(source)) {
            files.filter(Files::isRegularFile).forEach(p -> entries.put(
                    source.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/"),
                    () -> Files.newInputStream(p)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + source, e);
        }
        return entries;
    }

    /** Every file entry under the zip's one top folder by relative path, sorted. */
    private Map<String, Entry> zipEntries(ZipFile zip) {
        Map<String, Entry> entries = new TreeMap<>();
        String top = null;
        List<String> outside = new ArrayList<>();
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            ZipEntry entry = e.nextElement();
            if (entry.isDirectory()) {
                continue;
            }
            int slash = entry.getName().indexOf('/');
            String folder = slash < 0 ? "" : entry.getName().substring(0, slash);
            top = top == null ? folder : top;
            if (slash < 0 || !folder.equals(top)) {
                outside.add(entry.getName());
                continue;
            }
            entries.put(entry.getName().substring(slash + 1), () -> zip.getInputStream(entry));
        }
        // An entry outside the bundle's folder is an unlisted file too.
        outside.forEach(name -> entries.put(name, () -> InputStream.nullInputStream()));
        return entries;
    }
}
