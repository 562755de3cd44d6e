package io.traceflux.testdata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Derives the golden windows of the nightly policy regression (test-data/golden/, each a capture
 * as SPEC 2.1 with production's baseline) from the project's copy of public data: Nezha
 * (OnlineBoutique and Train-Ticket fault injections), LANL HPC failures and NAB series.
 * Deterministic: the same input gives byte-identical files.
 *
 * <pre>GoldenWindowsGenerator &lt;realdata folder&gt; &lt;golden folder&gt;</pre>
 *
 * Run it through {@code test-data/golden/generate.sh}; test-data/golden/README.md documents every
 * derivation. suite.yaml (the replays and their expected figures) is written by hand.
 */
public final class GoldenWindowsGenerator {

    static final List<String> OB_LOGS = List.of("05_19");
    static final List<String> TT_LOGS = NezhaSampleGenerator.MINUTE_FILES;

    static final List<NezhaGoldenWindows.Spec> NEZHA = List.of(
            new NezhaGoldenWindows.Spec("nezha-ob-currency-cpu", NezhaSystem.ONLINE_BOUTIQUE, "2022-08-22",
                    window("2022-08-22T05:17:00Z", "2022-08-22T05:23:00Z"), OB_LOGS, OB_LOGS),
            new NezhaGoldenWindows.Spec("nezha-ob-checkout-cpu", NezhaSystem.ONLINE_BOUTIQUE, "2022-08-22",
                    window("2022-08-22T04:43:00Z", "2022-08-22T04:49:00Z"), List.of(), OB_LOGS),
            new NezhaGoldenWindows.Spec("nezha-tt-travel-exception", NezhaSystem.TRAIN_TICKET, "2023-01-29",
                    window("2023-01-29T10:03:00Z", "2023-01-29T10:09:00Z"), List.of(), TT_LOGS),
            new NezhaGoldenWindows.Spec("nezha-tt-preserve-cpu", NezhaSystem.TRAIN_TICKET, "2023-01-29",
                    window("2023-01-29T15:41:00Z", "2023-01-29T15:47:00Z"), List.of(), TT_LOGS));

    static final List<LanlGoldenWindows.Spec> LANL = List.of(
            new LanlGoldenWindows.Spec("lanl-storm-sys2-1998-11-18",
                    window("1998-11-18T00:30:00Z", "1998-11-18T00:38:00Z"),
                    "48 nodes of system 2 down at 00:33 (root cause Network, assigned later)."),
            new LanlGoldenWindows.Spec("lanl-dst-sys2-sys16-1997-04-08",
                    window("1997-04-08T06:58:00Z", "1997-04-08T07:04:00Z"),
                    "8 nodes of system 2 and 4 of system 16 down at 07:00 (root cause Software: DST, assigned later)."));

    static final List<NabGoldenWindows.Spec> NAB = List.of(
            new NabGoldenWindows.Spec("nab-ec2-latency-failure",
                    window("2014-03-07T03:40:00Z", "2014-03-07T03:47:00Z"),
                    List.of(new NabGoldenWindows.Series("realKnownCause/ec2_request_latency_system_failure.csv",
                            "ec2", "ec2_request_latency_system_failure", "request_latency_high")),
                    "Two weeks of one EC2 request latency series (known-cause system failures, 3 labelled windows)."),
            new NabGoldenWindows.Spec("nab-aws-2014-04-10",
                    window("2014-04-10T00:00:00Z", "2014-04-10T00:07:00Z"),
                    List.of(new NabGoldenWindows.Series("realAWSCloudwatch/ec2_cpu_utilization_825cc2.csv",
                                    "ec2", "825cc2", "cpu_utilization_high"),
                            new NabGoldenWindows.Series("realAWSCloudwatch/ec2_network_in_257a54.csv",
                                    "ec2", "257a54", "network_in_high"),
                            new NabGoldenWindows.Series("realAWSCloudwatch/elb_request_count_8c0756.csv",
                                    "elb", "8c0756", "request_count_high"),
                            new NabGoldenWindows.Series("realAWSCloudwatch/rds_cpu_utilization_e47b3b.csv",
                                    "rds", "e47b3b", "cpu_utilization_high")),
                    "Four AWS CloudWatch series of the same two weeks (hand-labelled windows; NAB documents no "
                            + "relation between the instances)."));

    private GoldenWindowsGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: GoldenWindowsGenerator <realdata folder> <golden folder>");
            System.exit(2);
        }
        long started = System.nanoTime();
        SparkSession spark = GeneratorSession.start("golden-windows");
        try {
            generate(spark, Path.of(args[0]), Path.of(args[1]));
        } finally {
            spark.stop();
        }
        System.out.printf("generated %s in %.1f s%n", args[1], (System.nanoTime() - started) / 1e9);
    }

    private static void generate(SparkSession spark, Path realdata, Path golden) throws IOException {
        Files.createDirectories(golden);
        for (NezhaGoldenWindows.Spec s : NEZHA) {
            GoldenCaptures.write(NezhaGoldenWindows.build(spark, realdata.resolve("nezha"), s), golden.resolve(s.name()));
        }
        for (LanlGoldenWindows.Spec s : LANL) {
            GoldenCaptures.write(LanlGoldenWindows.build(spark, realdata.resolve("lanl_failures"), s),
                    golden.resolve(s.name()));
        }
        for (NabGoldenWindows.Spec s : NAB) {
            GoldenCaptures.write(NabGoldenWindows.build(spark, realdata.resolve("nab"), s), golden.resolve(s.name()));
        }
        Files.copy(realdata.resolve("nezha/LICENSE"), golden.resolve("LICENSE-nezha"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(realdata.resolve("nab/LICENSE.txt"), golden.resolve("LICENSE-nab"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static CaptureWindow window(String start, String end) {
        return new CaptureWindow(Instant.parse(start), Instant.parse(end));
    }
}
