package io.traceflux.bundle;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's chromium, headless, offline: every run gets a fresh profile, a host resolver that
 * resolves nothing and a proxy that does not exist, so no page it opens can reach a network.
 * Install it with {@code bin/setup-test-deps}.
 */
final class HeadlessChromium {

    private static final List<String> NAMES = List.of("chromium", "chromium-browser");
    private static final long TIMEOUT_SECONDS = 90;

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /** The browser; without it, fails when {@code CI} is set and skips (visibly) otherwise. */
    static HeadlessChromium require() {
        Optional<Path> found = find();
        if (found.isEmpty()) {
            String why = "chromium is not installed: run bin/setup-test-deps (as root) for the browser test";
            if (System.getenv("CI") != null) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        return new HeadlessChromium(found.get());
    }

    static Optional<Path> find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : NAMES) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** The DOM after the page's scripts and load events ran. */
    String dumpDom(String url) {
        return run(List.of("--virtual-time-budget=5000", "--dump-dom", url));
    }

    /** A PNG of the page's first {@code width} x {@code height} pixels. */
    void screenshot(String url, Path png, int width, int height) {
        run(List.of("--hide-scrollbars", "--window-size=" + width + "," + height, "--screenshot=" + png, url));
    }

    private String run(List<String> args) {
        Path work = null;
        try {
            work = Files.createTempDirectory("chromium-");
            List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--user-data-dir=" + work.resolve("profile"),
                    "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9"));
            command.addAll(args);
            Process process = new ProcessBuilder(command).directory(work.toFile())
                    .redirectOutput(work.resolve("stdout").toFile()).redirectError(work.resolve("stderr").toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
            }
            String out = Files.readString(work.resolve("stdout"), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                fail("chromium exited " + process.exitValue() + ": "
                        + Files.readString(work.resolve("stderr"), StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            delete(work);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
