package io.traceflux.governance;

import io.traceflux.capture.Scope;
import io.traceflux.execution.ExecutionId;
import io.traceflux.policy.GovernanceSpec;
import java.util.List;
import java.util.Optional;

/**
 * Promotes an enforced execution's policy version to a scope (SPEC 6.3): the five checks in
 * order, each refusal naming its check, then a {@code promotions} row that supersedes older
 * promotions of the same policy where its scope overlaps theirs.
 *
 * <pre>{@code
 * Promotion p = Promote.on(controlPlane).execution("exec-20261125-083412-3f9a1c").by("bob")
 *         .scope("region=cn-east").execute();
 * }</pre>
 *
 * <p>Approvals are counted from the audit log, the tamper-evident record, never from rows of
 * the approvals table alone. Like {@link Approve}, the checks run again when a concurrent
 * append wins the race for the audit log.
 */
public final class Promote {

    /** The five checks of SPEC 6.3, in order. */
    static final List<String> CHECKS = List.of("execution", "gates", "approvals", "scope", "policy-hash");
    static final String EXECUTION = CHECKS.get(0);
    static final String GATES = CHECKS.get(1);
    static final String APPROVALS = CHECKS.get(2);
    static final String SCOPE = CHECKS.get(3);
    static final String POLICY_HASH = CHECKS.get(4);

    private final ControlPlane plane;
    private String executionId;
    private String promoter;
    private String scope;

    private Promote(ControlPlane plane) {
        this.plane = plane;
    }

    public static Promote on(ControlPlane plane) {
        return new Promote(plane);
    }

    public Promote execution(String id) {
        this.executionId = id;
        return this;
    }

    public Promote by(String name) {
        this.promoter = name;
        return this;
    }

    /** The promotion scope; null for the execution's own. */
    public Promote scope(String scopeText) {
        this.scope = scopeText;
        return this;
    }

    public Promotion execute() {
        ExecutionId.check(executionId, "--execution");
        Identity.check(promoter, "--by");
        Optional<Scope> requested = Optional.ofNullable(scope).map(Scope::parse);
        Refused[] refused = new Refused[1];
        AuditEntry entry = plane.auditLog().append(head -> {
            Optional<ExecutionRow> e = plane.execution(executionId);
            Scope target = requested.orElseGet(() -> e.map(row -> Scope.parse(row.scope())).orElse(Scope.all()));
            refused[0] = e.isEmpty()
                    ? refused(EXECUTION, "no execution '" + executionId + "' in "
                            + plane.tablePath(ControlPlane.EXECUTIONS)).orElseThrow()
                    : check(e.get(), target).orElse(null);
            return refused[0] != null
                    ? Refusals.event(promoter, "promote", executionId, e.orElse(null), target.toString(), refused[0])
                    : promotion(e.get(), target, head.seq() + 1);
        });
        if (refused[0] != null) {
            throw new GovernanceRefusal(refused[0].check(), refused[0].message());
        }
        Promotion promotion = Promotion.of(entry);
        plane.syncPromotions();
        return promotion;
    }

    private Optional<Refused> check(ExecutionRow e, Scope target) {
        String id = e.id();
        if (!"succeeded".equals(e.status()) || !"enforced".equals(e.mode())) {
            return refused(EXECUTION, "execution " + id + " " + (!"succeeded".equals(e.status())
                    ? "did not succeed (status " + e.status() + ")"
                    : "is a " + e.mode() + ": only a succeeded --mode enforced execution can be promoted"));
        }
        Optional<ParityHeadline> parity = plane.parity(id);
        if (!e.hasBaseline() || parity.isEmpty()) {
            return refused(GATES, "execution " + id + " ran without a baseline: nothing was proven, so it can never be promoted");
        }
        if (!parity.get().passed()) {
            return refused(GATES, "execution " + id + " failed its gates (" + parity.get().failuresText() + ")");
        }
        GovernanceSpec governance = RecordedPolicy.governance(e);
        List<Approval> decisions = plane.approvals(id);
        Optional<Approval> rejection = decisions.stream().filter(a -> !a.approved()).findFirst();
        if (rejection.isPresent()) {
            return refused(APPROVALS, rejection.get().approver() + " rejected execution " + id + " (audit seq "
                    + rejection.get().auditSeq() + ")");
        }
        List<Approval> approvals = decisions.stream().filter(Approval::approved)
                .filter(a -> !a.approver().equals(e.triggeredBy())).toList();
        long distinct = approvals.stream().map(Approval::approver).distinct().count();
        if (distinct < governance.requiredApprovals()) {
            return refused(APPROVALS, e.policyRef() + " requires " + governance.requiredApprovals() + " approval(s) by people "
                    + "other than " + e.triggeredBy() + "; execution " + id + " has " + distinct
                    + (distinct == 0 ? "" : " (" + String.join(", ", approvals.stream().map(Approval::approver).toList()) + ")"));
        }
        Optional<String> scopeProblem = scopeProblem(e, target, approvals, governance);
        if (scopeProblem.isPresent()) {
            return refused(SCOPE, scopeProblem.get());
        }
        return RecordedPolicy.changed(e).flatMap(message -> refused(POLICY_HASH, message));
    }

    private static Optional<String> scopeProblem(ExecutionRow e, Scope target, List<Approval> approvals,
            GovernanceSpec governance) {
        Scope executionScope = Scope.parse(e.scope());
        if (!target.isWithin(executionScope)) {
            return Optional.of("scope '" + target + "' is not within execution " + e.id() + "'s scope '" + executionScope
                    + "': widening a scope needs a new execution and new approvals");
        }
        for (Approval a : approvals) {
            if (!target.isWithin(Scope.parse(a.scope()))) {
                return Optional.of("scope '" + target + "' is not within '" + a.scope() + "', the scope " + a.approver()
                        + " approved");
            }
        }
        List<String> promotable = governance.promotableScopes();
        if (!promotable.isEmpty() && promotable.stream().noneMatch(p -> target.isWithin(Scope.parse(p)))) {
            return Optional.of("scope '" + target + "' is not within any of " + e.policyRef() + "'s promotable_scopes "
                    + promotable);
        }
        return Optional.empty();
    }

    /** A refusal whose message says which of the five checks failed, e.g. {@code check 3 (approvals): ...}. */
    private static Optional<Refused> refused(String check, String message) {
        return Optional.of(new Refused(check, "check " + (CHECKS.indexOf(check) + 1) + " (" + check + "): "
                + message));
    }

    private AuditEvent promotion(ExecutionRow e, Scope target, long seq) {
        List<String> supersedes = plane.promotions().stream()
                .filter(p -> p.policyId().equals(e.policyId()))
                .filter(p -> ScopeOverlap.overlap(Scope.parse(p.scope()), target))
                .map(Promotion::promotionId).toList();
        Promotion p = new Promotion("promotion-" + seq, e.policyId(), e.policyVersion(), e.policySha256(),
                target.toString(), e.id(), promoter, null, supersedes, seq);
        return new AuditEvent(promoter, AuditEvent.Action.PROMOTED, e.id(), e.policyId(), e.policyVersion(),
                e.policySha256(), target.toString(), p.details());
    }
}
