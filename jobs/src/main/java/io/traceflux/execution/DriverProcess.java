package io.traceflux.execution;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The JVM that drives an execution, as the executions row records it: host, process id and the
 * process's start time. A {@code running} execution whose driver is gone (same host, no process
 * with that id and start time) was interrupted: killed, crashed or its machine rebooted.
 *
 * @param host      the host name; "unknown" when the host cannot name itself
 * @param pid       the process id
 * @param startedAt when the process started (to tell a reused pid from the original); may be null
 */
public record DriverProcess(String host, long pid, Instant startedAt) {

    /** This JVM. */
    public static DriverProcess current() {
        ProcessHandle self = ProcessHandle.current();
        return new DriverProcess(localHost(), self.pid(),
                self.info().startInstant().map(DriverProcess::truncated).orElse(null));
    }

    /**
     * Whether this driver is known to be gone: it ran on this host and no process with its id
     * and start time exists. A driver on another host is never known to be gone.
     */
    public boolean isGone() {
        if (!host.equals(localHost())) {
            return false;
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(p -> startedAt != null && !Objects.equals(startedAt,
                        p.info().startInstant().map(DriverProcess::truncated).orElse(null)))
                .orElse(true);
    }

    /** Whether this driver is known to be alive: on this host, with its id and start time. */
    public boolean isAliveHere() {
        return host.equals(localHost()) && !isGone();
    }

    /** As a timestamp column stores it (microseconds), so a recorded start compares equal. */
    private static Instant truncated(Instant i) {
        return i.truncatedTo(ChronoUnit.MICROS);
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
