package io.traceflux.bundle;

import io.traceflux.governance.Approval;
import io.traceflux.governance.AuditEntry;
import io.traceflux.governance.GovernanceRecord;
import io.traceflux.governance.Promotion;
import java.time.Instant;
import java.util.List;

/**
 * The governance part of report.html and summary.md, as plain text cells: the execution's
 * approvals, the promotions made from it and the audit entries of those decisions with their
 * hashes ({@link GovernanceRecord#decisions()}), as read from the audit log. The renderers escape every cell.
 */
final class GovernanceSection {

    /**
     * One table of the section.
     *
     * @param id    the HTML id of its heading, or of the sentence that replaces an empty table
     * @param empty what is shown instead of an empty table
     * @param note  a sentence under the heading, or null
     */
    record Part(String id, String title, String empty, String note, List<String> header, List<List<String>> rows) {
    }

    private GovernanceSection() {
    }

    static List<Part> parts(GovernanceRecord r) {
        return List.of(
                new Part("approvals", "Approvals", "No approvals recorded.", null,
                        List.of("decision", "approver", "at", "scope", "comment", "audit seq"),
                        r.approvals().stream().map(GovernanceSection::cells).toList()),
                new Part("promotions", "Promotions", "Not promoted.", null,
                        List.of("promotion", "policy", "scope", "promoted by", "promoted at", "supersedes", "audit seq"),
                        r.promotions().stream().map(GovernanceSection::cells).toList()),
                new Part("audit", "Audit entries", "No governance decision recorded for this execution.",
                        r.auditEntries().size() + " audit_log entries record decisions on this execution"
                                + " (governance.json has them in full). Its started and finished entries stay in the"
                                + " audit log: the finished one carries this bundle's manifest hash. Each hash covers"
                                + " its entry and the hash before it; traceflux audit verify recomputes the whole chain.",
                        List.of("seq", "at", "actor", "action", "scope", "details", "prev_hash", "hash"),
                        r.auditEntries().stream().map(GovernanceSection::cells).toList()));
    }

    private static List<String> cells(Approval a) {
        return List.of(a.decision(), a.approver(), time(a.at()), a.scope(), a.comment() == null ? "" : a.comment(),
                String.valueOf(a.auditSeq()));
    }

    private static List<String> cells(Promotion p) {
        return List.of(p.promotionId(), p.ref(), p.scope(), p.promotedBy(), time(p.promotedAt()),
                String.join(", ", p.supersedes()), String.valueOf(p.auditSeq()));
    }

    private static List<String> cells(AuditEntry e) {
        return List.of(String.valueOf(e.seq()), time(e.at()), e.actor(), e.action(), String.valueOf(e.scope()),
                String.valueOf(e.details()), e.prevHash(), e.hash());
    }

    private static String time(Instant i) {
        return i == null ? "" : i.toString();
    }
}
