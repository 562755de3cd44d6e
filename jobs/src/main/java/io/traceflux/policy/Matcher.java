package io.traceflux.policy;

/**
 * One Alertmanager-style condition {@code name op "value"} (SPEC 3.1).
 *
 * @param name  a signal column (service, region, pop, host, check, severity, source, status)
 *              or else a key of {@code labels}
 * @param op    the comparison
 * @param value the unescaped value: for regex operators an RE2 pattern, already validated
 * @param text  the matcher as written in the policy, for readable explanations
 */
public record Matcher(String name, Op op, String value, String text) {

    /** The four Alertmanager operators. */
    public enum Op {
        EQ("="), NE("!="), RE("=~"), NRE("!~");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean isRegex() {
            return this == RE || this == NRE;
        }

        public boolean isNegated() {
            return this == NE || this == NRE;
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
