package io.traceflux.bundle;

import java.time.Instant;

/**
 * One incident on the timeline.
 *
 * @param lane      the group key as text ({@code pop=fra1, region=eu-west})
 * @param cls       its component's class, or {@link ComponentIndex#UNCOMPARED}
 * @param severity  canonical name, or null when the side does not record it
 */
record TimelineBar(Side side, String incidentId, String lane, Instant openedAt, Instant lastSignalAt,
                   String severity, String title, Long signalCount, String cls, String componentId) {
}
