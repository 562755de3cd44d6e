package io.traceflux.governance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.traceflux.InvalidInputException;
import io.traceflux.capture.Scope;
import io.traceflux.execution.ExecutionId;
import java.util.Optional;

/**
 * Records an approval or rejection of an execution (SPEC 6.2), or refuses it.
 *
 * <pre>{@code
 * Approval a = Approve.on(controlPlane).execution("exec-20261125-083412-3f9a1c").by("bob")
 *         .comment("looked at the diffs").execute();
 * }</pre>
 *
 * <p>Refused, in this order, when: the execution did not succeed; it has no baseline; (to
 * approve, not to reject) a gate failed; the approver triggered it; the approver already decided
 * on it; the policy file no longer has the recorded hash; the scope is wider than the
 * execution's. A refusal appends a {@code refused} audit entry and throws {@link
 * GovernanceRefusal}; an unknown execution is an {@link InvalidInputException}. The checks run
 * again if a concurrent append wins the race for the audit log, so two decisions by one person
 * cannot both be recorded.
 */
public final class Approve {

    private final ControlPlane plane;
    private String executionId;
    private String approver;
    private boolean reject;
    private String comment;
    private String scope;

    private Approve(ControlPlane plane) {
        this.plane = plane;
    }

    public static Approve on(ControlPlane plane) {
        return new Approve(plane);
    }

    public Approve execution(String id) {
        this.executionId = id;
        return this;
    }

    /** The approver's name (SPEC 6.1). */
    public Approve by(String name) {
        this.approver = name;
        return this;
    }

    /** Record a rejection instead of an approval. */
    public Approve reject(boolean reject) {
        this.reject = reject;
        return this;
    }

    public Approve comment(String text) {
        this.comment = text;
        return this;
    }

    /** The approved scope; null for the execution's own. */
    public Approve scope(String scopeText) {
        this.scope = scopeText;
        return this;
    }

    public Approval execute() {
        ExecutionId.check(executionId, "--execution");
        Identity.check(approver, "--by");
        Optional<Scope> requested = Optional.ofNullable(scope).map(Scope::parse);
        if (plane.execution(executionId).isEmpty()) {
            throw new InvalidInputException("unknown execution '" + executionId + "': no row in "
                    + plane.tablePath(ControlPlane.EXECUTIONS));
        }
        Refused[] refused = new Refused[1];
        AuditEntry entry = plane.auditLog().append(head -> {
            ExecutionRow e = plane.execution(executionId).orElseThrow();
            Scope approved = requested.orElseGet(() -> Scope.parse(e.scope()));
            refused[0] = check(e, approved).orElse(null);
            return refused[0] != null ? refusal(e, approved, refused[0]) : decision(e, approved);
        });
        if (refused[0] != null) {
            throw new GovernanceRefusal(refused[0].check(), refused[0].message());
        }
        plane.syncApprovals();
        return Approval.of(entry);
    }

    private Optional<Refused> check(ExecutionRow e, Scope approved) {
        String id = e.id();
        if (!"succeeded".equals(e.status())) {
            return refused("succeeded", "execution " + id + " did not succeed (status " + e.status()
                    + "): only a succeeded execution can be " + verb());
        }
        if (!e.hasBaseline()) {
            return refused("baseline", "execution " + id + " ran without a baseline: nothing was proven, so it cannot be "
                    + verb());
        }
        if (!reject) {
            Optional<ParityHeadline> parity = plane.parity(id);
            if (parity.isEmpty() || !parity.get().passed()) {
                return refused("gates", "execution " + id + " failed its gates ("
                        + parity.map(ParityHeadline::failuresText).orElse("no parity report") + "): it cannot be approved");
            }
        }
        if (approver.equals(e.triggeredBy())) {
            return refused("approver", approver + " triggered execution " + id
                    + ", so cannot decide on it: approval needs a second person");
        }
        Optional<Approval> earlier = plane.approvals(id).stream().filter(a -> a.approver().equals(approver)).findFirst();
        if (earlier.isPresent()) {
            return refused("already-decided", approver + " already " + earlier.get().decision() + " execution " + id
                    + " (audit seq " + earlier.get().auditSeq() + "): one decision per person");
        }
        Optional<String> changed = RecordedPolicy.changed(e);
        if (changed.isPresent()) {
            return refused("policy-hash", changed.get());
        }
        Scope executionScope = Scope.parse(e.scope());
        if (!approved.isWithin(executionScope)) {
            return refused("scope", "scope '" + approved + "' is wider than execution " + id + "'s scope '"
                    + executionScope + "': an approval may narrow the scope, never widen it");
        }
        return Optional.empty();
    }

    private String verb() {
        return reject ? "rejected" : "approved";
    }

    private static Optional<Refused> refused(String check, String message) {
        return Optional.of(new Refused(check, message));
    }

    private AuditEvent decision(ExecutionRow e, Scope approved) {
        ObjectNode details = AuditEvent.newDetails();
        if (comment != null) {
            details.put("comment", comment);
        }
        return new AuditEvent(approver, reject ? AuditEvent.Action.REJECTED : AuditEvent.Action.APPROVED, e.id(),
                e.policyId(), e.policyVersion(), e.policySha256(), approved.toString(), details);
    }

    private AuditEvent refusal(ExecutionRow e, Scope approved, Refused r) {
        return Refusals.event(approver, reject ? "reject" : "approve", e.id(), e, approved.toString(), r);
    }
}
