package io.traceflux.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Peak Java heap from a {@code -Xlog:gc} file: every collection logs {@code before->after(committed)}.
 * The largest "before" is the most heap the program had in use (live objects and garbage) at
 * any collection; the largest "after" is the most it still held right after one, an upper
 * bound of its live set (a young collection leaves old garbage in place). Both are at most
 * the {@code -Xmx} the process ran with: a run that ends without OutOfMemoryError fits.
 */
record GcLog(double peakUsedMiB, double peakAfterGcMiB, double peakCommittedMiB, int collections) {

    private static final Pattern HEAP = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    static GcLog read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new GcLog(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double used = 0;
        double after = 0;
        double committed = 0;
        int n = 0;
        for (String line : Files.readAllLines(file)) {
            Matcher m = HEAP.matcher(line);
            if (m.find()) {
                used = Math.max(used, mib(m.group(1), m.group(2)));
                after = Math.max(after, mib(m.group(3), m.group(4)));
                committed = Math.max(committed, mib(m.group(5), m.group(6)));
                n++;
            }
        }
        return new GcLog(used, after, committed, n);
    }

    private static double mib(String number, String unit) {
        double v = Double.parseDouble(number);
        return switch (unit) {
            case "K" -> v / 1024;
            case "G" -> v * 1024;
            default -> v;
        };
    }
}
