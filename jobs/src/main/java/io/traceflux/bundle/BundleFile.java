package io.traceflux.bundle;

/**
 * One file of a bundle as the manifest lists it.
 *
 * @param path   relative to the bundle folder, {@code /}-separated (e.g. {@code tables/rule_impact.csv})
 * @param size   bytes
 * @param sha256 lower-case hex SHA-256 of the bytes
 */
public record BundleFile(String path, long size, String sha256) {
}
