package dev.plantsync.approvals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import dev.plantsync.operations.JobControl;
import dev.plantsync.operations.JobControlException;
import dev.plantsync.platform.Actor;
import dev.plantsync.platform.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Approval checkpoints: jobs ask, approvers decide, and the job instance goes on. When the last pending request of
 * a stopped instance is decided, that instance is restarted at the step after its checkpoint.
 */
@Service
public class Approvals {

    private static final Logger log = LoggerFactory.getLogger(Approvals.class);
    private static final String COLUMNS = """
            id, job_name, job_instance_id, job_execution_id, checkpoint, business_key, subject, reason_code, reason,
            impact_amount, impact_currency, impact_quantity, state, requested_at, decided_by, decided_at,
            decision_comment, correction::text""";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    // Jobs use approvals and job control knows every job: looked up when needed, to break the cycle.
    private final ObjectProvider<JobControl> jobs;

    public Approvals(JdbcClient jdbc, AuditLog audit, ObjectProvider<JobControl> jobs) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.jobs = jobs;
    }

    /** Asks for a decision once per instance, checkpoint and business key (asking again changes nothing). */
    public void request(String job, long instanceId, long executionId, String checkpoint, String businessKey,
            String subject, String reasonCode, String reason, BigDecimal impactAmount, String currency,
            BigDecimal impactQuantity) {
        jdbc.sql("""
                INSERT INTO approval_request (job_name, job_instance_id, job_execution_id, checkpoint, business_key,
                    subject, reason_code, reason, impact_amount, impact_currency, impact_quantity)
                VALUES (:job, :instance, :execution, :checkpoint, :key, :subject, :code, :reason, :amount, :currency, :qty)
                ON CONFLICT (job_instance_id, checkpoint, business_key) DO NOTHING""")
                .param("job", job).param("instance", instanceId).param("execution", executionId)
                .param("checkpoint", checkpoint).param("key", businessKey).param("subject", subject)
                .param("code", reasonCode).param("reason", reason).param("amount", impactAmount)
                .param("currency", currency).param("qty", impactQuantity).update();
    }

    public List<ApprovalRequest> pending() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM approval_request WHERE state = 'PENDING' ORDER BY requested_at, id")
                .query(Approvals::row).list();
    }

    /** Decided requests, most recent decision first. */
    public List<ApprovalRequest> decided(int offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM approval_request WHERE state <> 'PENDING'"
                + " ORDER BY decided_at DESC, id DESC OFFSET :offset LIMIT :limit")
                .param("offset", offset).param("limit", limit).query(Approvals::row).list();
    }

    public int pendingCount(long instanceId, String checkpoint) {
        return jdbc.sql("SELECT count(*) FROM approval_request WHERE job_instance_id = :i AND checkpoint = :c "
                + "AND state = 'PENDING'").param("i", instanceId).param("c", checkpoint).query(Integer.class).single();
    }

    public List<ApprovalRequest> decided(long instanceId, String checkpoint) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM approval_request WHERE job_instance_id = :i AND checkpoint = :c "
                + "AND state <> 'PENDING' ORDER BY id").param("i", instanceId).param("c", checkpoint)
                .query(Approvals::row).list();
    }

    public Optional<ApprovalRequest> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM approval_request WHERE id = :id").param("id", id)
                .query(Approvals::row).optional();
    }

    /** Records the decision (audited); restarts the job instance when nothing is pending any more. */
    public ApprovalRequest decide(long id, Decision decision, Actor approver) {
        ApprovalRequest request = find(id).orElseThrow(() -> new JobControlException(
                JobControlException.Reason.UNKNOWN_EXECUTION, "unknown approval request " + id));
        if (!request.pending()) {
            audit.record(approver, "DECIDE", "approval#" + id, "REFUSED", "already " + request.state());
            throw new JobControlException(JobControlException.Reason.NOT_RESTARTABLE, "approval request " + id
                    + " was already decided: " + request.state() + " by " + request.decidedBy());
        }
        if (decision.kind() == Decision.Kind.REJECTED && (decision.comment() == null || decision.comment().isBlank())) {
            throw new JobControlException(JobControlException.Reason.BAD_PARAMETERS,
                    "a rejection needs a comment saying why");
        }
        String correction = decision.kind() != Decision.Kind.APPROVED_WITH_CORRECTION ? null
                : "{\"unitPrice\": " + decision.correctedPrice() + ", \"quantity\": " + decision.correctedQuantity() + "}";
        jdbc.sql("""
                UPDATE approval_request SET state = :state, decided_by = :by, decided_at = now(),
                       decision_comment = :comment, correction = CAST(:correction AS jsonb)
                 WHERE id = :id AND state = 'PENDING'""")
                .param("state", decision.kind().name()).param("by", approver.name())
                .param("comment", decision.comment()).param("correction", correction).param("id", id).update();
        audit.record(approver, "DECIDE", "approval#" + id, decision.kind().name(), decision.comment());
        if (pendingCount(request.jobInstanceId(), request.checkpoint()) == 0) {
            resume(request, approver);
        }
        return find(id).orElseThrow();
    }

    private static ApprovalRequest row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new ApprovalRequest(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getBigDecimal(10),
                rs.getString(11), rs.getBigDecimal(12), rs.getString(13),
                rs.getObject(14, java.time.OffsetDateTime.class), rs.getString(15),
                rs.getObject(16, java.time.OffsetDateTime.class), rs.getString(17), rs.getString(18));
    }

    private void resume(ApprovalRequest request, Actor approver) {
        Long stopped = jdbc.sql("""
                SELECT job_execution_id FROM batch_job_execution
                 WHERE job_instance_id = :instance AND status = 'STOPPED' ORDER BY job_execution_id DESC LIMIT 1""")
                .param("instance", request.jobInstanceId()).query(Long.class).optional().orElse(null);
        if (stopped == null) {
            log.info("instance {} has no stopped execution to resume (it will pick the decisions up when it reaches "
                    + "its checkpoint)", request.jobInstanceId());
            return;
        }
        // While another run of the job goes, the restart is recorded as owed and done by the next recovery check
        // after that run: the decision stands either way.
        jobs.getObject().restartWhenFree(stopped, new Actor("approval:" + approver.name(), approver.channel()))
                .ifPresentOrElse(restarted -> log.info("instance {} resumed as execution {}", request.jobInstanceId(),
                        restarted.id()), () -> log.info("instance {}: its job is busy; execution {} is restarted by"
                        + " the recovery check once the job is free", request.jobInstanceId(), stopped));
    }
}
