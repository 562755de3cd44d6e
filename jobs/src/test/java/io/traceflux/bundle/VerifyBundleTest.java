package io.traceflux.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traceflux.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verification of a small hand-made bundle (no Spark): manifest checks, missing and extra files. */
class VerifyBundleTest {

    @TempDir
    Path root;

    private Path dir;

    private String manifestText;

    @BeforeEach
    void writeBundle() throws IOException {
        dir = Files.createDirectory(root.resolve("e-1"));
        BundleWriter writer = new BundleWriter(FileSystem.getLocal(new Configuration()).getRaw(),
                new org.apache.hadoop.fs.Path(dir.toUri()));
        writer.text("a.txt", "alpha\n");
        writer.text("sub/b.txt", "beta\n");
        manifestText = BundleJson.pretty(Manifest.build("e-1", Instant.parse("2026-11-25T10:00:00Z"),
                BundleJson.object(), BundleJson.object(), writer.files()));
        Files.writeString(dir.resolve("manifest.json"), manifestText);
    }

    @Test
    void aGoodBundlePasses() {
        VerifyResult r = VerifyBundle.of(dir).execute();
        assertThat(r.ok()).isTrue();
        assertThat(r.checked()).isEqualTo(2);
    }

    @Test
    void manifestListsExactHashes() {
        assertThat(manifestText).contains("\"path\" : \"a.txt\",\n      \"size\" : 6,\n      \"sha256\" : \""
                + Sha256.hex("alpha\n".getBytes(StandardCharsets.UTF_8)) + "\"");
    }

    @Test
    void writtenAtMayChangeButNotBreak() throws IOException {
        write("manifest.json", manifestText.replace("2026-11-25T10:00:00Z", "2030-01-01T00:00:00Z"));
        assertThat(VerifyBundle.of(dir).execute().ok()).isTrue();
        write("manifest.json", manifestText.replace("2026-11-25T10:00:00Z", "2026-11-25T10:00:0xZ"));
        assertThat(VerifyBundle.of(dir).execute().message())
                .startsWith("FAILED: manifest.json: written_at is not an ISO-8601 instant");
    }

    @Test
    void anEditedManifestIsNamed() throws IOException {
        write("manifest.json", manifestText.replace("\"e-1\"", "\"e-2\""));
        assertThat(VerifyBundle.of(dir).execute().message())
                .startsWith("FAILED: manifest.json: manifest_sha256 does not match the manifest's content");
        write("manifest.json", manifestText.replace("\n  \"format\"", "\n   \"format\""));
        assertThat(VerifyBundle.of(dir).execute().problem()).isEqualTo("not in canonical form (edited by hand?)");
        write("manifest.json", "{");
        assertThat(VerifyBundle.of(dir).execute().problem()).startsWith("not valid JSON");
    }

    @Test
    void missingAndExtraFilesAreNamed() throws IOException {
        Files.delete(dir.resolve("sub/b.txt"));
        assertThat(VerifyBundle.of(dir).execute().message())
                .isEqualTo("FAILED: sub/b.txt: listed in the manifest but missing (in " + dir + ")");
        write("sub/b.txt", "beta\n");
        write("sub/c.txt", "gamma\n");
        assertThat(VerifyBundle.of(dir).execute().file()).isEqualTo("sub/c.txt");
        Files.delete(dir.resolve("manifest.json"));
        assertThat(VerifyBundle.of(dir).execute().problem()).isEqualTo("missing");
    }

    @Test
    void aTruncatedFileReportsItsSize() throws IOException {
        write("a.txt", "alph\n");
        assertThat(VerifyBundle.of(dir).execute().message())
                .isEqualTo("FAILED: a.txt: size 5 bytes, manifest says 6 (in " + dir + ")");
    }

    @Test
    void zipEntriesOutsideTheBundleFolderAreNamed() throws IOException {
        Path zip = root.resolve("e-1.zip");
        try (var out = Files.newOutputStream(zip)) {
            BundleZip.write(out, "e-1", List.of("manifest.json", "a.txt", "sub/b.txt"),
                    path -> Files.newInputStream(dir.resolve(path)));
        }
        assertThat(VerifyBundle.of(zip).execute().ok()).isTrue();
        Path mixed = root.resolve("mixed.zip");
        try (var out = Files.newOutputStream(mixed)) {
            BundleZip.write(out, "e-1", List.of("manifest.json", "a.txt", "sub/b.txt", "../evil.txt"),
                    path -> Files.newInputStream(path.startsWith("..") ? dir.resolve("a.txt") : dir.resolve(path)));
        }
        assertThat(VerifyBundle.of(mixed).execute().file()).isEqualTo("../evil.txt");
        Path other = root.resolve("other.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(other))) {
            for (String path : List.of("manifest.json", "a.txt", "sub/b.txt")) {
                out.putNextEntry(new ZipEntry("e-1/" + path));
                out.write(Files.readAllBytes(dir.resolve(path)));
            }
            out.putNextEntry(new ZipEntry("elsewhere/a.txt"));
            out.write(Files.readAllBytes(dir.resolve("a.txt")));
        }
        assertThat(VerifyBundle.of(other).execute().message())
                .isEqualTo("FAILED: elsewhere/a.txt: not listed in the manifest (in " + other + ")");
    }

    @Test
    void neitherFolderNorZipIsInvalidInput() throws IOException {
        assertThatThrownBy(() -> VerifyBundle.of(dir.resolve("nothing")).execute())
                .isInstanceOf(InvalidInputException.class).hasMessageEndingWith("no bundle folder or zip there");
        write("plain.txt", "not a zip");
        assertThatThrownBy(() -> VerifyBundle.of(dir.resolve("plain.txt")).execute())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not a readable zip");
    }

    private void write(String path, String text) throws IOException {
        Files.createDirectories(dir.resolve(path).getParent());
        Files.writeString(dir.resolve(path), text);
    }
}
