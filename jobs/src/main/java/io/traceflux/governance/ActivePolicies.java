package io.traceflux.governance;

import io.traceflux.capture.Scope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which policy version is active where (SPEC 6.3), from the promotions: a promotion is active in
 * its scope except where a newer promotion of the same policy overlaps it, and not at all once a
 * newer one's scope contains it.
 */
public final class ActivePolicies {

    /**
     * One promotion that is still active somewhere.
     *
     * @param exceptIn newer promotions of the same policy that take over part of its scope
     * @param covers   for a scope query, whether the whole queried scope lies within this
     *                 promotion's scope (older promotions are then hidden under it)
     */
    public record Active(Promotion promotion, List<Promotion> exceptIn, boolean covers) {
    }

    private ActivePolicies() {
    }

    /**
     * The active promotions, by policy id, newest first within each policy.
     *
     * @param policyId only this policy; null for all
     * @param scope    only what is active somewhere in this scope; null for everywhere
     */
    public static Map<String, List<Active>> of(List<Promotion> promotions, String policyId, Scope scope) {
        Map<String, List<Promotion>> byPolicy = new TreeMap<>();
        promotions.stream().filter(p -> policyId == null || p.policyId().equals(policyId))
                .forEach(p -> byPolicy.computeIfAbsent(p.policyId(), k -> new ArrayList<>()).add(p));
        Map<String, List<Active>> active = new TreeMap<>();
        byPolicy.forEach((policy, list) -> {
            List<Active> rows = forPolicy(list, scope);
            if (!rows.isEmpty()) {
                active.put(policy, rows);
            }
        });
        return active;
    }

    private static List<Active> forPolicy(List<Promotion> promotions, Scope query) {
        List<Promotion> newestFirst = promotions.stream()
                .sorted(Comparator.comparingLong(Promotion::auditSeq).reversed()).toList();
        List<Active> rows = new ArrayList<>();
        for (int i = 0; i < newestFirst.size(); i++) {
            Promotion p = newestFirst.get(i);
            Scope own = Scope.parse(p.scope());
            List<Promotion> newer = newestFirst.subList(0, i).stream()
                    .filter(n -> ScopeOverlap.overlap(Scope.parse(n.scope()), own)).toList();
            if (newer.stream().anyMatch(n -> own.isWithin(Scope.parse(n.scope())))) {
                continue;
            }
            if (query == null) {
                rows.add(new Active(p, newer, false));
            } else if (ScopeOverlap.overlap(own, query)) {
                boolean covers = query.isWithin(own);
                rows.add(new Active(p, newer, covers));
                if (covers) {
                    break;
                }
            }
        }
        return rows;
    }
}
