package io.traceflux.governance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of recomputing the audit chain (SPEC 6.4): how many entries were checked and the
 * head hash, or the first seq that breaks the chain and why.
 *
 * @param checked    entries found valid before the break (all of them when intact)
 * @param headHash   hash of the last valid entry ({@link AuditEntry#GENESIS} for an empty log)
 * @param brokenSeq  the first seq that breaks, or null when the chain is intact
 * @param reason     why it breaks, or null
 */
public record AuditVerification(long checked, String headHash, Long brokenSeq, String reason) {

    public boolean intact() {
        return brokenSeq == null;
    }

    /**
     * Checks entries in seq order: seq runs 1, 2, ... without gaps or repeats; each entry's
     * hash matches its content and its prev_hash; each prev_hash is the previous entry's hash.
     */
    public static AuditVerification of(List<AuditEntry> entries) {
        List<AuditEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(AuditEntry::seq));
        Map<Long, Integer> occurrences = new HashMap<>();
        sorted.forEach(e -> occurrences.merge(e.seq(), 1, Integer::sum));
        Map<String, Long> seqOfHash = new HashMap<>();
        String prevHash = AuditEntry.GENESIS;
        AuditEntry previous = null;
        long expected = 1;
        for (AuditEntry e : sorted) {
            String problem = null;
            long broken = e.seq();
            if (occurrences.get(e.seq()) > 1) {
                problem = "seq " + e.seq() + " appears " + occurrences.get(e.seq()) + " times: an entry was inserted";
            } else if (e.seq() != expected) {
                broken = expected;
                problem = "seq " + expected + " is missing (the entry after seq " + (expected - 1) + " has seq "
                        + e.seq() + "): an entry was deleted";
            } else if (previous != null && e.prevHash() != null && e.prevHash().equals(previous.prevHash())) {
                broken = previous.seq();
                problem = "seq " + previous.seq() + " and seq " + e.seq() + " both chain to "
                        + (previous.seq() == 1 ? "the start" : "seq " + (previous.seq() - 1))
                        + ": an entry was inserted at seq " + previous.seq();
            } else if (!e.expectedHash().equals(e.hash())) {
                problem = contentProblem(e, sorted.size());
            } else if (!prevHash.equals(e.prevHash())) {
                Long linked = seqOfHash.get(e.prevHash());
                problem = linked != null
                        ? "its prev_hash is the hash of seq " + linked + ", not of seq " + (e.seq() - 1)
                                + ": entries were reordered"
                        : "its prev_hash is not the hash of seq " + (e.seq() - 1) + " (nor of any entry): seq "
                                + (e.seq() - 1) + " was rewritten, or an entry after it was deleted";
            }
            if (problem != null) {
                long valid = Math.max(0, broken - 1);
                return new AuditVerification(valid, hashOf(sorted, valid), broken, problem);
            }
            seqOfHash.put(e.hash(), e.seq());
            prevHash = e.hash();
            previous = e;
            expected++;
        }
        return new AuditVerification(sorted.size(), prevHash, null, null);
    }

    /** Why an entry's hash does not match: moved from another seq, or edited. */
    private static String contentProblem(AuditEntry e, int entries) {
        for (long other = 1; other <= entries + 1; other++) {
            if (other != e.seq() && AuditEntry.hashOf(e.prevHash(), e.canonicalBody(other)).equals(e.hash())) {
                return "it holds the entry written as seq " + other + ": entries were reordered or renumbered";
            }
        }
        return "its hash does not match its content: the entry was edited";
    }

    private static String hashOf(List<AuditEntry> sorted, long seq) {
        return seq == 0 ? AuditEntry.GENESIS : sorted.stream().filter(e -> e.seq() == seq).findFirst()
                .map(AuditEntry::hash).orElse(AuditEntry.GENESIS);
    }
}
