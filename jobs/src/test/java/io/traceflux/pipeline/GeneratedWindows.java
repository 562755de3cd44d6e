package io.traceflux.pipeline;

import io.traceflux.testkit.Signals;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Random capture windows for differential tests of the per-key steps, one per seed, each on
 * services of its own (so several windows share one DataFrame and never one key). Built to
 * hit the edges of SPEC 3.2: ties on ts (whole seconds, and a storm at millisecond
 * resolution), sub-microsecond digits to truncate, chains whose steps equal the dedup window,
 * the gap or max_span exactly (or exceed them by 1 µs), one storm fingerprint holding a large
 * share of a service, duplicates whose region and pop differ from their representative's,
 * and signal ids whose UTF-16 order differs from their code point order (U+FFxx against
 * characters beyond the BMP).
 *
 * <p>Time steps are multiples of {@link #STEPS}; policies that use those durations meet
 * every boundary.
 */
final class GeneratedWindows {

    static final Instant ORIGIN = Instant.parse("2026-11-20T10:00:00Z");
    /** Durations (seconds) that chains step by: use them as dedup window, gap and max_span. */
    static final int[] STEPS = {30, 60, 120, 300};
    /** Id prefixes: U+FF21 and U+FF5E sort before U+1F600 and U+10400 by code point, after them in UTF-16. */
    private static final String[] ID_PARTS = {"a", "B", "b", "\u00e9", "\uFF21", "\uFF5E", "\uD83D\uDE00",
            "\uD801\uDC00", "z", "0"};
    private static final String[] SEVERITIES = {"critical", "major", "MAJOR", "minor", "info", "warning", null};

    private final Random random;
    private final String prefix;
    private final List<Row> rows = new ArrayList<>();
    private int next;

    private GeneratedWindows(long seed) {
        this.random = new Random(seed);
        this.prefix = "w" + seed + "-";
    }

    /** The windows of {@code seeds}, {@code stormSize} storm signals in each. */
    static Dataset<Row> of(SparkSession spark, long[] seeds, int stormSize) {
        List<Row> all = new ArrayList<>();
        for (long seed : seeds) {
            all.addAll(new GeneratedWindows(seed).build(stormSize));
        }
        return spark.createDataFrame(all, Signals.SCHEMA);
    }

    private List<Row> build(int stormSize) {
        String[] services = {prefix + "api", prefix + "db", prefix + "web"};
        for (String service : services) {
            for (int i = 0; i < 150; i++) {
                signal(service, randomSecond() * 1_000_000L + offset(), random.nextInt(5), random.nextInt(3));
            }
            for (int c = 0; c < 12; c++) {
                chain(service);
            }
        }
        for (int i = 0; i < stormSize; i++) {
            // Milliseconds: neighbours often tie, and the episode never breaks.
            add(services[0], random.nextInt(600_000) * 1_000L, "r0", "p0", "h9-0", "storm", "critical", "t0");
        }
        return rows;
    }

    /** Signals of one fingerprint spaced by a step duration, exactly or 1 µs more, or tied. */
    private void chain(String service) {
        long step = STEPS[random.nextInt(STEPS.length)] * 1_000_000L;
        long t = randomSecond() * 1_000_000L;
        int host = random.nextInt(5);
        int check = random.nextInt(3);
        int length = 2 + random.nextInt(6);
        for (int i = 0; i < length && t < 600_000_000L; i++) {
            signal(service, t, host, check);
            int kind = random.nextInt(4);
            t += kind == 0 ? 0 : kind == 1 ? step + 1 : step;
        }
    }

    private void signal(String service, long micros, int host, int check) {
        String team = random.nextInt(10) == 0 ? null : "t" + random.nextInt(2);
        add(service, micros, "r" + random.nextInt(2), "p" + random.nextInt(3),
                "h" + host + "-" + random.nextInt(3), "c" + check,
                SEVERITIES[random.nextInt(SEVERITIES.length)], team);
    }

    private void add(String service, long micros, String region, String pop, String host, String check,
            String severity, String team) {
        Instant at = ORIGIN.plusNanos(micros * 1_000 + (random.nextInt(4) == 0 ? random.nextInt(1_000) : 0));
        Map<String, String> labels = new LinkedHashMap<>();
        if (team != null) {
            labels.put("team", team);
        }
        rows.add(RowFactory.create(id(), Timestamp.from(at), service, region, pop, host, check, severity,
                scala.collection.JavaConverters.mapAsScalaMap(labels).toMap(scala.Predef.$conforms()), null, null));
    }

    private String id() {
        return ID_PARTS[random.nextInt(ID_PARTS.length)] + ID_PARTS[random.nextInt(ID_PARTS.length)] + "-"
                + prefix + next++;
    }

    private long randomSecond() {
        return random.nextInt(600);
    }

    /** Mostly none, so that seconds tie; else 1 µs, 1 µs short of the next second, or anything. */
    private long offset() {
        return switch (random.nextInt(8)) {
            case 0 -> 1;
            case 1 -> 999_999;
            case 2 -> random.nextInt(1_000_000);
            default -> 0;
        };
    }
}
