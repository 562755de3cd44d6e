package io.traceflux.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a replay's time went, from what {@code traceflux replay} prints: its progress lines on
 * stderr ({@code [3/7   12.4s] quarantining and selecting signals}) and the summary's first
 * line on stdout ({@code Replay <id> succeeded in 42.0 s}).
 */
record ReplayLog(List<Step> steps, double inProcessSeconds, boolean succeeded) {

    /** One step and how long it took until the next one (or the end). */
    record Step(String what, double seconds) {
    }

    private static final Pattern PROGRESS = Pattern.compile("^\\[(\\d+)/(\\d+)\\s+([\\d.]+)s] (.*)$", Pattern.MULTILINE);
    private static final Pattern SUMMARY = Pattern.compile("^Replay \\S+ (\\S+) in ([\\d.]+) s", Pattern.MULTILINE);

    static ReplayLog parse(String stdout, String stderr) {
        Matcher summary = SUMMARY.matcher(stdout);
        Optional<Double> total = summary.find() ? Optional.of(Double.parseDouble(summary.group(2))) : Optional.empty();
        boolean ok = total.isPresent() && summary.group(1).equals("succeeded");
        List<Double> at = new ArrayList<>();
        List<String> what = new ArrayList<>();
        Matcher m = PROGRESS.matcher(stderr);
        while (m.find()) {
            at.add(Double.parseDouble(m.group(3)));
            what.add(shorten(m.group(4)));
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < at.size(); i++) {
            double end = i + 1 < at.size() ? at.get(i + 1) : total.orElse(at.get(i));
            steps.add(new Step(what.get(i), end - at.get(i)));
        }
        return new ReplayLog(steps, total.orElse(Double.NaN), ok);
    }

    /** The step's words before any path, count or policy reference. */
    private static String shorten(String line) {
        return line.replaceAll(" \\d+ selected signals through .*", " signals")
                .replaceAll(" (with )?baseline .*", " with the baseline")
                .replaceAll("evidence bundle under .*", "evidence bundle")
                .replaceAll("writing \\d+ tables under .*", "writing the tables")
                .replaceAll("opening capture .*", "opening the capture")
                .replaceAll("starting Spark .*", "starting Spark");
    }
}
