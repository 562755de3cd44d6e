package io.traceflux.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.traceflux.spark.Sessions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.spark.sql.SparkSession;

/**
 * Writes the synthetic lake ({@link SyntheticLake}) as one Delta commit partitioned by
 * {@code date} and {@code hour}, then its recipe beside it ({@code <lake>.recipe.json}), last,
 * so that a lake with a recipe is complete.
 *
 * <p>Usage: {@code GenerateLake <lake-dir> <rows> <days> <seed> <files-per-hour>}.
 */
public final class GenerateLake {

    /** Bumped whenever {@link SyntheticLake} changes what it writes. */
    static final int VERSION = 1;

    private GenerateLake() {
    }

    public static void main(String[] args) throws IOException {
        Path lake = Path.of(args[0]);
        Recipe recipe = new Recipe(Long.parseLong(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]),
                Integer.parseInt(args[4]));
        SparkSession spark = Sessions.forJob("traceflux bench generate lake", null);
        long started = System.nanoTime();
        new SyntheticLake(recipe.rows(), Duration.ofDays(recipe.days()), recipe.seed())
                .signals(spark, recipe.days() * 24 * recipe.filesPerHour())
                .write().format("delta").partitionBy("date", "hour").save(lake.toString());
        Files.writeString(recipe.file(lake), recipe.toJson(new ObjectMapper()).toString());
        System.out.printf("generated %d rows over %d days in %s in %.1f s%n", recipe.rows(), recipe.days(), lake,
                (System.nanoTime() - started) / 1e9);
        spark.stop();
    }

    /** What a lake was generated from. */
    record Recipe(long rows, int days, long seed, int filesPerHour) {

        Path file(Path lake) {
            return lake.resolveSibling(lake.getFileName() + ".recipe.json");
        }

        ObjectNode toJson(ObjectMapper json) {
            ObjectNode node = json.createObjectNode();
            node.put("version", VERSION);
            node.put("rows", rows);
            node.put("days", days);
            node.put("seed", seed);
            node.put("files_per_hour", filesPerHour);
            return node;
        }
    }
}
