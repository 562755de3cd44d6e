package io.traceflux.governance;

/** A governance check that did not hold: its name and the one-line reason. */
record Refused(String check, String message) {
}
