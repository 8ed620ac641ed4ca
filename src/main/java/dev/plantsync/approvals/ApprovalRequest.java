package dev.plantsync.approvals;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A decision a human must take before a job instance goes on past its checkpoint. */
public record ApprovalRequest(long id, String jobName, long jobInstanceId, long jobExecutionId, String checkpoint,
        String businessKey, String subject, String reasonCode, String reason, BigDecimal impactAmount,
        String impactCurrency, BigDecimal impactQuantity, String state, OffsetDateTime requestedAt, String decidedBy,
        OffsetDateTime decidedAt, String comment, String correction) {

    public boolean pending() {
        return "PENDING".equals(state);
    }

    public boolean approved() {
        return state.startsWith("APPROVED");
    }

    /** "approved by anna[: comment]" or "REJECTED_BY_APPROVER: anna: comment", as outcomes and exceptions say it. */
    public String decision() {
        return (approved() ? "approved by " : "REJECTED_BY_APPROVER: ") + decidedBy
                + (comment == null ? "" : ": " + comment);
    }

    /** A number of the approver's correction ({@code unitPrice}, {@code quantity}); null when none was given. */
    public BigDecimal corrected(String field) {
        if (correction == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + field + "\":\\s*([-0-9.]+)")
                .matcher(correction);
        return m.find() ? new BigDecimal(m.group(1)) : null;
    }
}
