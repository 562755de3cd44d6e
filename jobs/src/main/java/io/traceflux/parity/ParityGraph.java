package io.traceflux.parity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The bipartite graph of baseline and replay incidents linked by shared signals, built on the
 * driver from the (small) cells of {@link SignalTally}, and its connected components.
 */
final class ParityGraph {

    private final SortedMap<String, Long> baselineSizes = new TreeMap<>(CodePointOrder.COMPARATOR);
    private final SortedMap<String, Long> replaySizes = new TreeMap<>(CodePointOrder.COMPARATOR);
    private final List<SignalTally.Cell> pairs = new ArrayList<>();
    private final List<Component> components;

    private ParityGraph(List<SignalTally.Cell> cells) {
        for (SignalTally.Cell c : cells) {
            if (c.baseline() != null) {
                baselineSizes.merge(c.baseline(), c.signals(), Long::sum);
            }
            if (c.replay() != null) {
                replaySizes.merge(c.replay(), c.signals(), Long::sum);
            }
            if (c.baseline() != null && c.replay() != null) {
                pairs.add(c);
            }
        }
        pairs.sort(Comparator.comparing(SignalTally.Cell::baseline, CodePointOrder.COMPARATOR)
                .thenComparing(SignalTally.Cell::replay, CodePointOrder.COMPARATOR));
        components = connect();
    }

    static ParityGraph of(List<SignalTally.Cell> cells) {
        return new ParityGraph(cells);
    }

    /** Baseline incident id to its number of selected signals; only incidents with one. */
    SortedMap<String, Long> baselineSizes() {
        return baselineSizes;
    }

    /** Replay incident id to its number of selected signals. */
    SortedMap<String, Long> replaySizes() {
        return replaySizes;
    }

    /** Components ordered by their smallest baseline id, then NEW ones by replay id. */
    List<Component> components() {
        return components;
    }

    private List<Component> connect() {
        List<String> bIds = new ArrayList<>(baselineSizes.keySet());
        List<String> rIds = new ArrayList<>(replaySizes.keySet());
        Map<String, Integer> bIndex = indexOf(bIds, 0);
        Map<String, Integer> rIndex = indexOf(rIds, bIds.size());
        UnionFind sets = new UnionFind(bIds.size() + rIds.size());
        pairs.forEach(p -> sets.union(bIndex.get(p.baseline()), rIndex.get(p.replay())));

        Map<Integer, Members> byRoot = new LinkedHashMap<>();
        bIds.forEach(id -> byRoot.computeIfAbsent(sets.find(bIndex.get(id)), k -> new Members()).baseline.add(id));
        rIds.forEach(id -> byRoot.computeIfAbsent(sets.find(rIndex.get(id)), k -> new Members()).replay.add(id));
        pairs.forEach(p -> byRoot.get(sets.find(bIndex.get(p.baseline()))).pairs.add(p));
        return byRoot.values().stream().map(this::component).toList();
    }

    private Component component(Members m) {
        long baselineSignals = m.baseline.stream().mapToLong(baselineSizes::get).sum();
        long replaySignals = m.replay.stream().mapToLong(replaySizes::get).sum();
        long shared = m.pairs.stream().mapToLong(SignalTally.Cell::signals).sum();
        List<Component.Pair> pairStats = m.pairs.stream().map(this::pair).toList();
        boolean sameSignals = shared == baselineSignals && shared == replaySignals;
        ComponentClass cls = ComponentClass.of(m.baseline.size(), m.replay.size(), sameSignals);
        return new Component(Component.idOf(m.baseline, m.replay), cls, m.baseline, m.replay,
                shared, baselineSignals - shared, replaySignals - shared, pairStats);
    }

    private Component.Pair pair(SignalTally.Cell p) {
        long union = baselineSizes.get(p.baseline()) + replaySizes.get(p.replay()) - p.signals();
        return new Component.Pair(p.baseline(), p.replay(), p.signals(), (double) p.signals() / union);
    }

    private static Map<String, Integer> indexOf(List<String> ids, int offset) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            index.put(ids.get(i), offset + i);
        }
        return index;
    }

    /** The incidents and pairs of one component while it is being collected. */
    private static final class Members {
        final List<String> baseline = new ArrayList<>();
        final List<String> replay = new ArrayList<>();
        final List<SignalTally.Cell> pairs = new ArrayList<>();
    }
}
