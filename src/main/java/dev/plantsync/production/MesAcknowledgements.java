package dev.plantsync.production;

import java.util.List;

import dev.plantsync.platform.ExceptionRecords;
import dev.plantsync.platform.RunSummary;
import dev.plantsync.sftp.FilePickup;
import dev.plantsync.sftp.Partner;
import dev.plantsync.sftp.PartnerRegistry;
import dev.plantsync.sftp.PickedFile;
import dev.plantsync.sftp.SftpDropException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Step {@code pick-up-acks}: the MES's optional acknowledgement files (pattern key {@value #DOCUMENT_TYPE} of the
 * plant's partner) are picked up like any partner file (claimed, registered once, archived), and each acknowledgement
 * is recorded on the release it answers (order name as released and version). A rejection becomes an exception record
 * {@value #REJECTED} with the MES's reason, which the alert PlantSyncMesRejection reports; an acknowledgement of a
 * release we never sent, or a line that cannot be read, is an exception with its place in the file.
 */
final class MesAcknowledgements implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(MesAcknowledgements.class);
    static final String DOCUMENT_TYPE = "mes-ack";
    static final String REJECTED = "MES_REJECTED";

    private final PartnerRegistry partners;
    private final FilePickup pickup;
    private final ProductionSettings settings;
    private final ExceptionRecords exceptions;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    MesAcknowledgements(PartnerRegistry partners, FilePickup pickup, ProductionSettings settings,
            ExceptionRecords exceptions, JdbcClient jdbc, TransactionTemplate transactions) {
        this.partners = partners;
        this.pickup = pickup;
        this.settings = settings;
        this.exceptions = exceptions;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        String plant = ReleaseRun.plant(step.getJobParameters(), settings);
        Partner partner = partners.require(settings.plant(plant).partner());
        if (!partner.patterns().containsKey(DOCUMENT_TYPE)) {
            return RepeatStatus.FINISHED; // this MES does not acknowledge
        }
        try {
            pickup.pickup(partner, List.of(DOCUMENT_TYPE), left -> exceptions.record(ProductionOrderReleaseJob.NAME,
                    step.getJobExecutionId(), step.getStepName(), null, left.partner() + ":" + left.name(),
                    left.name(), RunSummary.FILE_LEFT_BEHIND, left.name() + " stays in the drop of partner "
                            + left.partner() + ": " + left.reason(), null));
        } catch (SftpDropException e) {
            log.warn("plant {}: acknowledgements not picked up: {}", plant, e.getMessage());
            exceptions.record(ProductionOrderReleaseJob.NAME, step.getJobExecutionId(), step.getStepName(), null,
                    partner.id(), partner.id(), "SFTP_UNAVAILABLE", e.getMessage(), null);
            return RepeatStatus.FINISHED;
        }
        for (PickedFile file : pickup.claimed(DOCUMENT_TYPE, partners)) {
            if (file.partner().id().equals(partner.id())) {
                apply(file, plant, step, contribution);
            }
        }
        return RepeatStatus.FINISHED;
    }

    private void apply(PickedFile file, String plant, StepExecution step, StepContribution contribution) {
        MesAckFile.Parsed parsed;
        try {
            parsed = MesAckFile.parse(file.localPath(), file.name());
        } catch (MesAckFile.Refused e) {
            transactions.executeWithoutResult(tx -> exceptions.record(ProductionOrderReleaseJob.NAME,
                    step.getJobExecutionId(), step.getStepName(), file.id(), file.name(), file.name(), "ACK_FILE_INVALID",
                    file.name() + ": " + e.getMessage(), null));
            pickup.quarantine(file, e.getMessage());
            return;
        }
        long instance = step.getJobExecution().getJobInstance().getId();
        transactions.executeWithoutResult(tx -> {
            for (MesAckFile.Problem p : parsed.problems()) {
                exceptions.record(ProductionOrderReleaseJob.NAME, step.getJobExecutionId(), step.getStepName(),
                        file.id(), file.name() + ": " + p.location(), p.key(), "ACK_LINE_INVALID",
                        file.name() + ", " + p.location() + ": " + p.reason(), null);
            }
            for (MesAckFile.Ack ack : parsed.acks()) {
                contribution.incrementReadCount();
                record(file, plant, instance, step, ack);
            }
            pickup.staged(file);
        });
        pickup.processed(file);
    }

    private void record(PickedFile file, String plant, long instance, StepExecution step, MesAckFile.Ack ack) {
        String released = jdbc.sql("""
                UPDATE production_release r SET ack_status = :status, ack_reason = :reason, ack_file_id = :ackFile,
                       acked_at = now(), ack_job_instance_id = :instance
                  FROM production_release_file f
                 WHERE f.id = r.file_id AND f.state IN ('UPLOADING', 'DELIVERED')
                   AND r.plant = :plant AND r.mo_name = :mo AND r.version = :version
                RETURNING f.name""")
                .param("status", ack.status()).param("reason", ack.reason()).param("ackFile", file.id())
                .param("instance", instance).param("plant", plant).param("mo", ack.mo())
                .param("version", ack.version()).query(String.class).optional().orElse(null);
        String where = file.name() + ": " + ack.location();
        if (released == null) {
            exceptions.record(ProductionOrderReleaseJob.NAME, step.getJobExecutionId(), step.getStepName(), file.id(),
                    where, ack.mo(), "ACK_UNKNOWN_RELEASE", where + ": plant " + plant + " was never sent " + ack.mo()
                            + " version " + ack.version(), null);
            return;
        }
        if (ack.status().equals("REJECTED")) {
            String message = "the MES of plant " + plant + " rejected " + ack.mo() + " version " + ack.version()
                    + " (released in " + released + "): " + (ack.reason() == null ? "no reason given" : ack.reason());
            log.warn(message);
            exceptions.record(ProductionOrderReleaseJob.NAME, step.getJobExecutionId(), step.getStepName(), file.id(),
                    where, ack.mo(), REJECTED, message, null);
        }
    }
}
