package io.traceflux.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.traceflux.spark.Sessions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Writes one synthetic capture folder (SPEC 2.1): {@code signals/} as Parquet, one file per
 * partition, then {@code capture.json}, last, so that a folder with a manifest is complete.
 * The manifest's {@code generator} object records what made it; the runner regenerates a
 * folder whose recipe differs.
 *
 * <p>Usage: {@code Generate <capture-dir> <rows> <storm-share> <seed> <files>}.
 */
public final class Generate {

    /** Bumped whenever {@link SyntheticWindow} changes what it writes. */
    static final int VERSION = 1;

    private Generate() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Recipe recipe = new Recipe(Long.parseLong(args[1]), Double.parseDouble(args[2]), Long.parseLong(args[3]),
                Integer.parseInt(args[4]));
        SparkSession spark = Sessions.forJob("traceflux bench generate", null);
        long started = System.nanoTime();
        new SyntheticWindow(recipe.rows(), recipe.seed(), recipe.stormShare())
                .signals(spark, recipe.files())
                .write().mode("overwrite").parquet(dir.resolve("signals").toString());
        Files.writeString(dir.resolve("capture.json"), manifest(dir.getFileName().toString(), recipe));
        System.out.printf("generated %d rows in %s in %.1f s%n", recipe.rows(), dir, (System.nanoTime() - started) / 1e9);
        spark.stop();
    }

    /** What a capture folder was generated from. */
    record Recipe(long rows, double stormShare, long seed, int files) {

        ObjectNode toJson(ObjectMapper json) {
            ObjectNode node = json.createObjectNode();
            node.put("version", VERSION);
            node.put("rows", rows);
            node.put("storm_share", stormShare);
            node.put("seed", seed);
            node.put("files", files);
            return node;
        }
    }

    static String manifest(String name, Recipe recipe) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = json.createObjectNode();
        doc.put("capture_id", "bench-" + name);
        doc.put("window_start", SyntheticWindow.START.toString());
        doc.put("window_end", SyntheticWindow.END.toString());
        doc.put("source", "synthetic: bench/ SyntheticWindow (traceflux benchmark)");
        doc.set("generator", recipe.toJson(json));
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n";
    }
}
