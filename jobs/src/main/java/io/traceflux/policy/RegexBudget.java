package io.traceflux.policy;

/**
 * The regex cost of one whole policy. {@link Regexes#MAX_INSTRUCTIONS} bounds one pattern, but
 * every signal runs every matcher and normalize pattern the engine evaluates, so a policy of many
 * patterns, each within the limit, could still multiply a replay's time. The patterns' programs
 * are summed while the policy is read; past {@value #MAX_POLICY_INSTRUCTIONS} instructions the
 * policy is refused, at the largest pattern. Literal patterns run as equality or plain text
 * replacement and cost nothing here.
 */
final class RegexBudget {

    /**
     * Instructions of all engine-run patterns of one policy: eight patterns of the largest size
     * one pattern may have, or about eight more replays' worth of matching at the worst (docs/reliability.md).
     */
    static final int MAX_POLICY_INSTRUCTIONS = 2_000;

    private long total;
    private int patterns;
    private long largest = -1;
    private Node largestAt;

    /** Counts a valid pattern found at {@code at}, costing {@code instructions} (0 for a literal one). */
    void add(Node at, long instructions) {
        if (instructions <= 0) {
            return;
        }
        total += instructions;
        patterns++;
        if (instructions > largest) {
            largest = instructions;
            largestAt = at;
        }
    }

    /** Reports the policy at its largest pattern when its patterns exceed the budget together. */
    void check(Problems problems) {
        if (total > MAX_POLICY_INSTRUCTIONS) {
            problems.add(largestAt, String.format("the policy's %d regexes add up to about %,d RE2 instructions, more"
                    + " than the %,d allowed per policy (every signal runs each of them); this one, the largest,"
                    + " is %,d: use fewer or simpler patterns, or literal alternatives like a|b, which cost nothing",
                    patterns, total, MAX_POLICY_INSTRUCTIONS, largest));
        }
    }
}
