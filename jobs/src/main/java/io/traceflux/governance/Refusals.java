package io.traceflux.governance;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The {@code refused} audit entry of an approval, promotion or re-run that a check refused. */
final class Refusals {

    private Refusals() {
    }

    /**
     * @param command   approve, reject or promote
     * @param execution the execution's row, or null when there is none
     */
    static AuditEvent event(String actor, String command, String executionId, ExecutionRow execution, String scope,
            Refused refused) {
        return event(actor, command, executionId, execution == null ? null : execution.policyId(),
                execution == null ? null : execution.policyVersion(),
                execution == null ? null : execution.policySha256(), scope, refused);
    }

    /** @param command approve, reject, promote or replay */
    static AuditEvent event(String actor, String command, String executionId, String policyId, Integer policyVersion,
            String policySha256, String scope, Refused refused) {
        ObjectNode details = AuditEvent.newDetails();
        details.put("command", command);
        details.put("check", refused.check());
        details.put("message", refused.message());
        return new AuditEvent(actor, AuditEvent.Action.REFUSED, executionId, policyId, policyVersion, policySha256,
                scope, details);
    }
}
