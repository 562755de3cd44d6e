package io.traceflux.regress;

/**
 * A pinned figure that a replay did not keep: its name, the suite's value and the replay's
 * ({@code "null"} when absent), as text so that counts, rates and flags share one column.
 */
public record MovedFigure(String figure, String old, String now) {

    static MovedFigure of(Figure figure, Object expected, Object actual) {
        return new MovedFigure(figure.key(), String.valueOf(expected), String.valueOf(actual));
    }

    @Override
    public String toString() {
        return figure + " " + old + " -> " + now;
    }
}
