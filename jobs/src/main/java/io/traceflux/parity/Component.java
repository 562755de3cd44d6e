package io.traceflux.parity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One connected component of the parity graph with its signal counts (SPEC 4).
 *
 * @param id            deterministic: a hash of the sorted incident ids on both sides
 * @param cls           its shape
 * @param baselineIds   sorted baseline incident ids
 * @param replayIds     sorted replay incident ids
 * @param shared        signals in an incident of the component on both sides
 * @param baselineOnly  signals in one of its baseline incidents and in none of its replay ones
 * @param replayOnly    signals in one of its replay incidents and in none of its baseline ones
 * @param pairs         its linked pairs, sorted by baseline then replay id
 */
public record Component(
        String id,
        ComponentClass cls,
        List<String> baselineIds,
        List<String> replayIds,
        long shared,
        long baselineOnly,
        long replayOnly,
        List<Pair> pairs) {

    /**
     * A baseline and a replay incident that share {@code overlap} signals.
     *
     * @param jaccard overlap / |baseline ∪ replay| of the two incidents' signal sets
     */
    public record Pair(String baselineId, String replayId, long overlap, double jaccard) {
    }

    public Component {
        baselineIds = List.copyOf(baselineIds);
        replayIds = List.copyOf(replayIds);
        pairs = List.copyOf(pairs);
    }

    /** Signals of the component's baseline incidents (in the comparison). */
    public long baselineSignals() {
        return shared + baselineOnly;
    }

    /** Signals of the component's replay incidents. */
    public long replaySignals() {
        return shared + replayOnly;
    }

    /** Jaccard index of the component's baseline and replay signal sets. */
    public double jaccard() {
        return (double) shared / (shared + baselineOnly + replayOnly);
    }

    /**
     * A 16-hex-digit id from the sorted ids, tagged by side and length-prefixed so that no two
     * different components can be written the same way.
     */
    static String idOf(List<String> baselineIds, List<String> replayIds) {
        StringBuilder key = new StringBuilder();
        baselineIds.forEach(id -> key.append("b").append(id.length()).append(':').append(id));
        replayIds.forEach(id -> key.append("r").append(id.length()).append(':').append(id));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
            return "c-" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
