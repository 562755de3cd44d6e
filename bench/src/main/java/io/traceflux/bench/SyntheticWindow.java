package io.traceflux.bench;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.hex;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A deterministic synthetic capture window (SPEC 2.1 schema) made from row numbers with Spark's
 * built-in expressions: every random choice is {@code xxhash64(row, seed, k)}, so the same
 * size, seed and storm fraction give the same rows on any machine and any partitioning.
 *
 * <p>The infrastructure is fixed, whatever the size: 6,000 hosts (each reporting under up to
 * three replica suffixes, which the fingerprint normalizes away), 300 services, 40 POPs in 6
 * regions, 24 checks, raw severities in mixed case (about a third info or unknown, to be
 * dropped), four label keys, 4% staging signals. A bigger window is a busier ten minutes.
 * Host and check choices are skewed (hot hosts repeat, which is what dedup is for), 15% of the
 * signals fall in eight 20-second bursts on 150 hosts each, four POPs have a 90-second outage
 * that emits {@code pop_unreachable} probes (the inhibit source), and a tiny fraction of rows is
 * bad in each of the four quarantine ways. The optional storm puts a fraction of all signals on
 * one host and check (one fingerprint, one correlation group), spread over the whole window.
 */
final class SyntheticWindow {

    static final Instant START = Instant.parse("2026-11-20T10:00:00Z");
    static final Duration LENGTH = Duration.ofMinutes(10);
    static final Instant END = START.plus(LENGTH);

    static final int HOSTS = 6000;
    static final int SERVICES = 300;
    static final List<String> POPS = List.of(
            "fra1", "ams1", "lhr1", "cdg1", "mad1", "mxp1", "waw1", "arn1", "dub1", "zrh1", "vie1", "prg1",
            "iad1", "ord1", "dfw1", "atl1", "mia1", "jfk1", "bos1", "sea1", "sjc1", "lax1", "den1", "phx1",
            "yyz1", "gru1", "sin1", "hkg1", "nrt1", "icn1", "bom1", "del1", "syd1", "mel1", "kix1", "tpe1",
            "cgk1", "bkk1", "dxb1", "jnb1");
    /** Region of each POP, by position (European, American, Asian-Pacific POPs in order). */
    static final List<String> POP_REGIONS = popRegions();
    static final List<String> CHECKS = List.of(
            "cpu_high", "mem_high", "disk_full", "disk_io_wait", "http_5xx", "http_4xx_rate", "latency_p90_high",
            "latency_p99_high", "conn_refused", "tls_expiry", "dns_fail", "queue_backlog", "gc_pause",
            "thread_pool_full", "oom_killed", "pod_restart", "replica_lag", "cache_miss_rate", "error_log_rate",
            "health_check_fail", "cert_invalid", "packet_loss", "bgp_flap", "ntp_drift");
    /** Checks that come from logs rather than metrics (the {@code source} column). */
    static final List<String> LOG_CHECKS = List.of("oom_killed", "pod_restart", "error_log_rate");

    /** POPs (by index) that go down for 90 s, starting 60 s + k * 120 s into the window. */
    static final int[] OUTAGE_POPS = {3, 11, 19, 27};
    static final int OUTAGE_SECONDS = 90;
    /** The POP under maintenance in policy v2 (see bench/policies/bench/v2.yaml). */
    static final int MAINTENANCE_POP = 5;
    /** The storm's host: its POP is neither down nor in maintenance, so the storm survives. */
    static final int STORM_HOST = 42;

    static final int[] BURST_OFFSETS_S = {35, 95, 170, 240, 300, 365, 430, 530};
    static final int BURST_SECONDS = 20;
    static final int BURST_HOSTS = 150;
    static final double BURST_SHARE = 0.15;
    static final double OUTAGE_SHARE = 0.0005;
    static final double STAGING_SHARE = 0.04;
    static final double NULL_LABELS_SHARE = 0.01;

    // Quarantine injections (per row): each of SPEC 2.1's four reasons occurs.
    static final double NULL_TS_SHARE = 0.00002;
    static final double OUTSIDE_WINDOW_SHARE = 0.0001;
    static final double DUPLICATE_ID_SHARE = 0.00001;
    static final double NULL_ID_SHARE = 0.000005;

    private final long rows;
    private final long seed;
    private final double stormShare;

    SyntheticWindow(long rows, long seed, double stormShare) {
        this.rows = rows;
        this.seed = seed;
        this.stormShare = stormShare;
        if (isOutagePop(popOf(STORM_HOST)) || popOf(STORM_HOST) == MAINTENANCE_POP) {
            throw new IllegalStateException("the storm host must sit in a healthy POP");
        }
    }

    /** The POP index of host {@code h}; the same formula as {@link #hostColumns}. */
    static int popOf(int h) {
        return (h * 13 + h / 7) % POPS.size();
    }

    static boolean isOutagePop(int pop) {
        return Arrays.stream(OUTAGE_POPS).anyMatch(p -> p == pop);
    }

    /** The window's signals in {@code partitions} partitions (one Parquet file each when written). */
    Dataset<Row> signals(SparkSession spark, int partitions) {
        Dataset<Row> base = spark.range(0, rows, 1, partitions)
                .withColumn("_u_kind", uniform(1))
                .withColumn("_kind", when(col("_u_kind").lt(stormShare), lit("storm"))
                        .when(col("_u_kind").lt(stormShare + OUTAGE_SHARE), lit("outage"))
                        .when(uniform(2).lt(BURST_SHARE), lit("burst"))
                        .otherwise(lit("normal")));
        return hostColumns(base)
                .select(signalId().as("signal_id"), ts().as("ts"), col("_service").as("service"),
                        col("_region").as("region"), col("_pop").as("pop"), col("_host").as("host"),
                        col("_check").as("check"), severity().as("severity"), labels().as("labels"),
                        source().as("source"), lit("firing").as("status"), message().as("message"));
    }

    /** Which host a row comes from, and what follows from it: service, POP, region, check. */
    private Dataset<Row> hostColumns(Dataset<Row> rows) {
        Column kind = col("_kind");
        Column burst = floor(uniform(3).multiply(BURST_OFFSETS_S.length));
        Column hostIndex = when(kind.equalTo("storm"), lit(STORM_HOST))
                .when(kind.equalTo("burst"),
                        pmod(burst.multiply(733).plus(floor(uniform(4).multiply(BURST_HOSTS))), lit(HOSTS)))
                .otherwise(floor(pow(uniform(4), 2).multiply(HOSTS)))
                .cast("int");
        Column outagePop = element_at(intArray(OUTAGE_POPS), floor(uniform(5).multiply(OUTAGE_POPS.length))
                .cast("int").plus(1));
        Column h = col("_h");
        Column popIndex = when(kind.equalTo("outage"), outagePop)
                .otherwise(pmod(h.multiply(13).plus(floor(h.divide(7))), lit(POPS.size())))
                .cast("int");
        Column replica = when(kind.equalTo("storm"), lit(0)).otherwise(floor(uniform(6).multiply(3)).cast("int"));
        Column check = when(kind.equalTo("storm"), lit("http_5xx"))
                .when(kind.equalTo("outage"), lit("pop_unreachable"))
                .otherwise(element_at(stringArray(CHECKS), floor(pow(uniform(7), 2).multiply(CHECKS.size()))
                        .cast("int").plus(1)));
        Column pop = element_at(stringArray(POPS), col("_pop_index").plus(1));
        return rows.withColumn("_burst", burst)
                .withColumn("_h", hostIndex)
                .withColumn("_pop_index", popIndex)
                .withColumn("_pop", pop)
                .withColumn("_region", element_at(stringArray(POP_REGIONS), col("_pop_index").plus(1)))
                .withColumn("_service", when(kind.equalTo("outage"), lit("edge-probe"))
                        .otherwise(element_at(stringArray(serviceNames()), pmod(h, lit(SERVICES)).plus(1))))
                .withColumn("_host", when(kind.equalTo("outage"), concat(lit("probe-"), pop))
                        .otherwise(concat(lit("n"), lpad(h.cast("string"), 5, "0"), lit("-"), replica.cast("string"))))
                .withColumn("_check", check);
    }

    /**
     * 8 hex characters of a hash, a dash and the row number: unique, and unrelated to time order.
     * A few rows reuse the previous row's id, and a few have none (quarantine).
     */
    private Column signalId() {
        Column u = uniform(8);
        Column idRow = when(u.lt(DUPLICATE_ID_SHARE).and(col("id").gt(0)), col("id").minus(1)).otherwise(col("id"));
        Column prefix = lpad(lower(hex(pmod(xxhash64(idRow, lit(seed)), lit(1L << 32)))), 8, "0");
        return when(u.geq(DUPLICATE_ID_SHARE).and(u.lt(DUPLICATE_ID_SHARE + NULL_ID_SHARE)), lit(null).cast("string"))
                .otherwise(concat(prefix, lit("-"), idRow.cast("string")));
    }

    /** Uniform over the window, or in the row's burst or outage; a few null or past the end. */
    private Column ts() {
        Column kind = col("_kind");
        Column burstStart = element_at(intArray(BURST_OFFSETS_S), col("_burst").cast("int").plus(1));
        Column seconds = when(kind.equalTo("burst"), burstStart.plus(uniform(9).multiply(BURST_SECONDS)))
                .when(kind.equalTo("outage"), outageStart().plus(uniform(9).multiply(OUTAGE_SECONDS)))
                .otherwise(uniform(9).multiply(LENGTH.toSeconds()));
        Column micros = floor(seconds.multiply(1_000_000)).plus(START.getEpochSecond() * 1_000_000L);
        Column u = uniform(10);
        Column pastEnd = floor(uniform(11).multiply(60_000_000)).plus(END.getEpochSecond() * 1_000_000L);
        return when(u.lt(NULL_TS_SHARE), lit(null).cast("timestamp"))
                .when(u.lt(NULL_TS_SHARE + OUTSIDE_WINDOW_SHARE), timestamp_micros(pastEnd))
                .otherwise(timestamp_micros(micros));
    }

    /** Seconds into the window at which the row's POP goes down (outage rows only). */
    private static Column outageStart() {
        Column result = lit(null).cast("int");
        for (int k = OUTAGE_POPS.length - 1; k >= 0; k--) {
            result = when(col("_pop_index").equalTo(OUTAGE_POPS[k]), lit(60 + k * 120)).otherwise(result);
        }
        return result;
    }

    /** Mixed-case raw severities: ~30% info, ~3% empty or null (unknown), the rest real. */
    private Column severity() {
        Column u = uniform(12);
        Column kind = col("_kind");
        return when(kind.isin("storm", "outage"), lit("CRITICAL"))
                .when(u.lt(0.28), lit("INFO")).when(u.lt(0.30), lit("info"))
                .when(u.lt(0.52), lit("WARN")).when(u.lt(0.57), lit("warning"))
                .when(u.lt(0.72), lit("ERROR")).when(u.lt(0.77), lit("major"))
                .when(u.lt(0.82), lit("minor")).when(u.lt(0.87), lit("CRITICAL"))
                .when(u.lt(0.90), lit("FATAL")).when(u.lt(0.92), lit("critical"))
                .when(u.lt(0.935), lit("")).when(u.lt(0.95), lit(null).cast("string"))
                .otherwise(lit("Error"));
    }

    private Column labels() {
        Column kind = col("_kind");
        Column team = when(kind.equalTo("outage"), lit("team-edge"))
                .otherwise(concat(lit("team-"), pmod(col("_h"), lit(40)).cast("string")));
        Column env = when(kind.isin("storm", "outage").or(uniform(13).geq(STAGING_SHARE)), lit("prod"))
                .otherwise(lit("staging"));
        Column az = concat(col("_region"), lit("-"),
                element_at(stringArray(List.of("a", "b", "c")), pmod(uniform(14).multiply(3).cast("int"), lit(3)).plus(1)));
        Column labels = map(lit("team"), team, lit("env"), env, lit("cluster"), concat(lit("k8s-"), col("_pop")),
                lit("az"), az);
        return when(kind.equalTo("normal").and(uniform(15).lt(NULL_LABELS_SHARE)),
                lit(null).cast("map<string,string>")).otherwise(labels);
    }

    private static Column source() {
        return when(col("_kind").equalTo("outage"), lit("synthetic"))
                .when(col("_check").isin(LOG_CHECKS.toArray()), lit("log"))
                .otherwise(lit("prometheus"));
    }

    private Column message() {
        return concat(col("_check"), lit(" on "), col("_host"), lit(": value "),
                floor(uniform(16).multiply(1000)).cast("string"));
    }

    /** A uniform double in [0, 1) from the row number, the seed and a stream number k. */
    private Column uniform(int k) {
        return uniform(seed, k);
    }

    /** The same for any seed: a uniform double in [0, 1) from the row number {@code id}. */
    static Column uniform(long seed, int k) {
        return pmod(xxhash64(col("id"), lit(seed), lit(k)), lit(1L << 31)).cast("double").divide((double) (1L << 31));
    }

    static List<String> serviceNames() {
        List<String> domains = List.of("checkout", "payments", "cart", "catalog", "search", "auth", "profile",
                "orders", "shipping", "inventory", "pricing", "reviews", "recs", "ads", "media", "notify",
                "billing", "ledger", "fraud", "loyalty", "support", "geo", "maps", "video", "chat", "feed",
                "upload", "export", "report", "identity");
        List<String> roles = List.of("api", "worker", "gateway", "db", "cache", "web", "cron", "stream",
                "indexer", "proxy");
        List<String> names = new ArrayList<>();
        for (String role : roles) {
            for (String domain : domains) {
                names.add(domain + "-" + role);
            }
        }
        return names;
    }

    private static List<String> popRegions() {
        List<String> regions = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            regions.add(i < 6 ? "eu-west" : i < 12 ? "eu-central" : i < 19 ? "us-east"
                    : i < 26 ? "us-west" : i < 33 ? "ap-south" : "ap-northeast");
        }
        return regions;
    }

    static Column stringArray(List<String> values) {
        return array(values.stream().map(v -> lit(v)).toArray(Column[]::new));
    }

    private static Column intArray(int[] values) {
        return array(Arrays.stream(values).mapToObj(v -> lit(v)).toArray(Column[]::new));
    }
}
