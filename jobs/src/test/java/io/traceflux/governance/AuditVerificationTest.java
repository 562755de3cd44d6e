package io.traceflux.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.bundle.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chain rules of SPEC 6.4 on entries held in memory: what breaks, and where. */
class AuditVerificationTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    /** Five sealed entries: alice starts and finishes e1, bob approves, carol approves, bob promotes. */
    static List<AuditEntry> chain() {
        List<AuditEntry> entries = new ArrayList<>();
        String prev = AuditEntry.GENESIS;
        String[][] events = {{"alice", "execution_started"}, {"alice", "execution_finished"}, {"bob", "approved"},
            {"carol", "approved"}, {"bob", "promoted"}};
        for (int i = 0; i < events.length; i++) {
            AuditEntry e = event(events[i][0], events[i][1]).seal(i + 1, T0.plusSeconds(i), prev);
            entries.add(e);
            prev = e.hash();
        }
        return entries;
    }

    static AuditEvent event(String actor, String action) {
        return new AuditEvent(actor, AuditEvent.Action.valueOf(action.toUpperCase(java.util.Locale.ROOT)), "e1",
                "edge", 1, "ab".repeat(32), "region=eu-west", AuditEvent.newDetails().put("n", 1));
    }

    @Test
    void theHashIsSha256OfPrevHashNewlineAndTheCanonicalJsonOfTheOtherColumns() {
        AuditEntry first = chain().get(0);
        String body = "{\"action\":\"execution_started\",\"actor\":\"alice\",\"at\":\"2026-12-01T10:00:00Z\","
                + "\"details\":\"{\\\"n\\\":1}\",\"execution_id\":\"e1\",\"policy_id\":\"edge\","
                + "\"policy_sha256\":\"" + "ab".repeat(32) + "\",\"policy_version\":1,\"scope\":\"region=eu-west\",\"seq\":1}";
        assertThat(first.canonicalBody()).isEqualTo(body);
        assertThat(first.prevHash()).isEqualTo("0".repeat(64));
        assertThat(first.hash()).isEqualTo(Sha256.hex(("0".repeat(64) + "\n" + body).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anIntactChainReportsItsLengthAndHead() {
        List<AuditEntry> entries = chain();
        AuditVerification v = AuditVerification.of(entries);
        assertThat(v.intact()).isTrue();
        assertThat(v.checked()).isEqualTo(5);
        assertThat(v.headHash()).isEqualTo(entries.get(4).hash());
        assertThat(AuditVerification.of(List.of())).isEqualTo(new AuditVerification(0, AuditEntry.GENESIS, null, null));
    }

    @Test
    void anEditedEntryBreaksAtItsSeq() {
        List<AuditEntry> entries = chain();
        AuditEntry e = entries.get(2);
        entries.set(2, new AuditEntry(e.seq(), e.at(), "mallory", e.action(), e.executionId(), e.policyId(),
                e.policyVersion(), e.policySha256(), e.scope(), e.details(), e.prevHash(), e.hash()));
        AuditVerification v = AuditVerification.of(entries);
        assertThat(v.brokenSeq()).isEqualTo(3);
        assertThat(v.reason()).contains("does not match its content: the entry was edited");
        assertThat(v.checked()).isEqualTo(2);
    }

    @Test
    void anEditedAndRehashedEntryBreaksTheLinkAfterIt() {
        List<AuditEntry> entries = chain();
        AuditEntry e = entries.get(2);
        AuditEntry forged = new AuditEvent("mallory", AuditEvent.Action.APPROVED, "e1", "edge", 1, "ab".repeat(32),
                "region=eu-west", AuditEvent.newDetails()).seal(3, e.at(), e.prevHash());
        entries.set(2, forged);
        AuditVerification v = AuditVerification.of(entries);
        assertThat(v.brokenSeq()).isEqualTo(4);
        assertThat(v.reason()).contains("not the hash of seq 3", "seq 3 was rewritten");
    }

    @Test
    void aDeletedEntryIsNamedBySeq() {
        List<AuditEntry> entries = chain();
        entries.remove(1);
        AuditVerification v = AuditVerification.of(entries);
        assertThat(v.brokenSeq()).isEqualTo(2);
        assertThat(v.reason()).contains("seq 2 is missing", "deleted");
    }

    @Test
    void anInsertedEntryWithARepeatedSeqIsNamed() {
        List<AuditEntry> entries = chain();
        entries.add(event("mallory", "approved").seal(3, T0, entries.get(1).hash()));
        AuditVerification v = AuditVerification.of(entries);
        assertThat(v.brokenSeq()).isEqualTo(3);
        assertThat(v.reason()).contains("seq 3 appears 2 times: an entry was inserted");
    }

    @Test
    void anInsertedEntryWithLaterEntriesRenumberedIsNamedWhereTheChainForks() {
        List<AuditEntry> entries = chain();
        List<AuditEntry> tampered = new ArrayList<>(entries.subList(0, 2));
        tampered.add(event("mallory", "approved").seal(3, T0, entries.get(1).hash()));
        for (AuditEntry e : entries.subList(2, 5)) {
            tampered.add(new AuditEntry(e.seq() + 1, e.at(), e.actor(), e.action(), e.executionId(), e.policyId(),
                    e.policyVersion(), e.policySha256(), e.scope(), e.details(), e.prevHash(), e.hash()));
        }
        AuditVerification v = AuditVerification.of(tampered);
        assertThat(v.brokenSeq()).isEqualTo(3);
        assertThat(v.reason()).contains("seq 3 and seq 4 both chain to seq 2", "inserted at seq 3");
    }

    @Test
    void swappedEntriesAreReportedAsReorderedAtTheFirst() {
        List<AuditEntry> entries = chain();
        AuditEntry third = entries.get(2);
        AuditEntry fourth = entries.get(3);
        entries.set(2, renumbered(fourth, 3));
        entries.set(3, renumbered(third, 4));
        AuditVerification v = AuditVerification.of(entries);
        assertThat(v.brokenSeq()).isEqualTo(3);
        assertThat(v.reason()).contains("holds the entry written as seq 4", "reordered");
    }

    static AuditEntry renumbered(AuditEntry e, long seq) {
        return new AuditEntry(seq, e.at(), e.actor(), e.action(), e.executionId(), e.policyId(), e.policyVersion(),
                e.policySha256(), e.scope(), e.details(), e.prevHash(), e.hash());
    }
}
