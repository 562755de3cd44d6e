package io.traceflux.parity;

import java.util.List;
import java.util.Map;

/**
 * B-cubed precision, recall and F1 of the replay clustering against the baseline clustering
 * (SPEC 4), over the signals in an incident on at least one side.
 *
 * <p>A signal in an incident on one side only is a singleton cluster on the other side. For a
 * signal s with baseline cluster B(s) and replay cluster R(s): precision(s) = |B ∩ R| / |R|,
 * recall(s) = |B ∩ R| / |B|; the figures are the averages over the signals and F1 their
 * harmonic mean. All signals of one cell share the same terms, so the averages are sums over
 * the cells: a cell of n signals in (b, r) adds n·n/|r| and n·n/|b|; in (b, none) it adds n and
 * n/|b|; in (none, r) n/|r| and n. With no signal in an incident on either side, all are 1.0.
 */
public record BCubed(double precision, double recall, double f1) {

    static final BCubed PERFECT = new BCubed(1.0, 1.0, 1.0);

    static BCubed of(List<SignalTally.Cell> cells, Map<String, Long> baselineSizes, Map<String, Long> replaySizes) {
        double signals = 0;
        double precisionSum = 0;
        double recallSum = 0;
        for (SignalTally.Cell c : cells) {
            double n = c.signals();
            double intersection = c.baseline() != null && c.replay() != null ? n : 1;
            double replayCluster = c.replay() != null ? replaySizes.get(c.replay()) : 1;
            double baselineCluster = c.baseline() != null ? baselineSizes.get(c.baseline()) : 1;
            signals += n;
            precisionSum += n * intersection / replayCluster;
            recallSum += n * intersection / baselineCluster;
        }
        if (signals == 0) {
            return PERFECT;
        }
        double precision = precisionSum / signals;
        double recall = recallSum / signals;
        return new BCubed(precision, recall, 2 * precision * recall / (precision + recall));
    }
}
