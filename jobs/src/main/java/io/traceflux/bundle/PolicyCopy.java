package io.traceflux.bundle;

/**
 * The policy file as the bundle holds it.
 *
 * @param file its bundle path ({@code policy/v3.yaml}), or null when it could not be copied
 * @param note why it is missing, or where its text came from
 */
record PolicyCopy(String file, String note) {
}
