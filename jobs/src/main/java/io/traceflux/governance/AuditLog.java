package io.traceflux.governance;

import io.delta.kernel.Snapshot;
import io.delta.kernel.exceptions.ConcurrentWriteException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The hash-chained {@code audit_log} table (SPEC 6.4) and the one way to append to it.
 *
 * <p>Delta's blind appends never conflict, so two writers that read the same head would both
 * commit an entry with the same seq: a fork. Every append therefore carries the Delta
 * transaction identifier ({@value #APP_ID}, seq): Kernel refuses to build a transaction whose
 * version the table already holds, and a commit that loses the race for the next table version
 * to a commit with the same or a later version fails instead of being rebased. The loser reads
 * the new head and tries again, so racing appends land one after the other.
 */
public final class AuditLog {

    /** The transaction identifier's application id; its version is the entry's seq. */
    public static final String APP_ID = "traceflux.audit_log";

    private static final int MAX_ATTEMPTS = 100;
    private static final List<String> HEAD_COLUMNS = List.of("seq", "hash");

    private final KernelTables tables;
    private final Clock clock;
    private final java.util.concurrent.atomic.AtomicLong lostRaces = new java.util.concurrent.atomic.AtomicLong();

    AuditLog(KernelTables tables, Clock clock) {
        this.tables = tables;
        this.clock = clock;
    }

    /** The last entry's seq and hash: seq 0 and {@link AuditEntry#GENESIS} for an empty log. */
    public record Head(long seq, String hash) {
    }

    /** Every entry, in seq order (as stored; {@link #verify} says whether they chain). */
    public List<AuditEntry> entries() {
        return sorted(tables.read(GovernanceTables.AUDIT_LOG, GovernanceTables.columns(GovernanceTables.AUDIT_LOG_SCHEMA),
                null).stream().map(AuditEntry::of).toList());
    }

    /** The entries about one execution, in seq order. */
    public List<AuditEntry> entriesOf(String executionId) {
        return matching(RowFilter.equal("execution_id", executionId));
    }

    /** The entries of these actions, in seq order. */
    public List<AuditEntry> entriesWith(AuditEvent.Action... actions) {
        return matching(RowFilter.anyOf("action", java.util.Arrays.stream(actions).map(AuditEvent.Action::text).toList()));
    }

    private List<AuditEntry> matching(RowFilter filter) {
        return sorted(tables.read(GovernanceTables.AUDIT_LOG, GovernanceTables.columns(GovernanceTables.AUDIT_LOG_SCHEMA),
                filter).stream().map(AuditEntry::of).toList());
    }

    /**
     * The head, found without reading every entry: the last append's transaction identifier
     * names its seq, and file statistics lead to that one entry. A log whose last entry does not
     * carry it (rewritten by another writer) is read whole.
     */
    public Head head() {
        Optional<Snapshot> snapshot = tables.snapshot(GovernanceTables.AUDIT_LOG);
        if (snapshot.isEmpty()) {
            return new Head(0, AuditEntry.GENESIS);
        }
        Optional<Long> last = tables.latestTransactionVersion(snapshot.get(), APP_ID);
        if (last.isPresent()) {
            List<Map<String, Object>> rows =
                    tables.read(snapshot.get(), HEAD_COLUMNS, RowFilter.equal("seq", last.get()));
            if (rows.size() == 1) {
                return new Head(last.get(), (String) rows.get(0).get("hash"));
            }
        }
        return tables.read(snapshot.get(), HEAD_COLUMNS, null).stream()
                .max(Comparator.comparingLong(r -> ((Number) r.get("seq")).longValue()))
                .map(r -> new Head(((Number) r.get("seq")).longValue(), (String) r.get("hash")))
                .orElse(new Head(0, AuditEntry.GENESIS));
    }

    /** Appends one event as the next entry. */
    public AuditEntry append(AuditEvent event) {
        return append(head -> event);
    }

    /**
     * Appends the event that {@code decide} returns for the current head, calling it again after
     * a concurrent append won the race: whatever it reads (the approvals of an execution, say)
     * then includes the winner.
     */
    public AuditEntry append(Function<Head, AuditEvent> decide) {
        for (int attempt = 1; ; attempt++) {
            Head head = head();
            AuditEvent event = decide.apply(head);
            AuditEntry entry = event.seal(head.seq() + 1, now(), head.hash());
            try {
                tables.append(GovernanceTables.AUDIT_LOG, GovernanceTables.AUDIT_LOG_SCHEMA, List.of(entry.row()),
                        GovernanceTables.AUDIT_LOG_STATS,
                        Optional.of(new KernelTables.TxnId(APP_ID, entry.seq())));
                return entry;
            } catch (ConcurrentWriteException e) {
                lostRaces.incrementAndGet();
                if (attempt >= MAX_ATTEMPTS) {
                    throw new IllegalStateException("audit_log at " + tables.path(GovernanceTables.AUDIT_LOG)
                            + ": gave up after " + attempt + " concurrent appends won the race", e);
                }
                backOff(attempt);
            }
        }
    }

    /** How many appends of this instance lost the race to a concurrent one and were redone. */
    public long lostRaces() {
        return lostRaces.get();
    }

    /** Recomputes the chain over every entry. */
    public AuditVerification verify() {
        return AuditVerification.of(entries());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * Math.min(attempt, 10)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while appending to audit_log", e);
        }
    }

    private static List<AuditEntry> sorted(List<AuditEntry> entries) {
        return entries.stream().sorted(Comparator.comparingLong(AuditEntry::seq)).toList();
    }
}
