package dev.plantsync.production;

import java.util.List;

import dev.plantsync.sftp.FilePickup;
import dev.plantsync.sftp.PartnerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Step {@code deliver-release}: the staged file is rendered, marked UPLOADING with its checksum (committed before the
 * upload: from then on the MES may have it, so later runs count its orders as released), put into the MES's drop under
 * a temporary name and renamed, then marked DELIVERED and the plant's read position moved on. A restart after a crash
 * anywhere in between renders the same bytes from the same rows and finds them already there (or puts them there): the
 * MES never gets a second, different release of the run. Nothing changed: no file at all.
 */
final class DeliverRelease implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(DeliverRelease.class);

    private final ReleaseStaging staging;
    private final PartnerRegistry partners;
    private final FilePickup pickup;
    private final TransactionTemplate separately;

    DeliverRelease(ReleaseStaging staging, PartnerRegistry partners, FilePickup pickup, PlatformTransactionManager tm) {
        this.staging = staging;
        this.partners = partners;
        this.pickup = pickup;
        this.separately = new TransactionTemplate(tm);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long instance = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance().getId();
        ReleaseStaging.ReleaseFile file = staging.fileOf(instance).orElseThrow(() -> new IllegalStateException(
                "run " + instance + " has no release file: stage-releases did not run"));
        if (file.state().equals("DELIVERED") || file.state().equals("EMPTY")) {
            return RepeatStatus.FINISHED;
        }
        List<ReleaseStaging.Line> lines = staging.lines(file);
        if (lines.isEmpty()) {
            staging.finished(file, "EMPTY");
            log.info("plant {}: nothing changed since the last release, no file", file.plant());
            return RepeatStatus.FINISHED;
        }
        byte[] content = ReleaseFileWriter.render(file, lines);
        String sha256 = ReleaseFingerprint.sha256(content);
        if (file.state().equals("STAGED")) {
            separately.executeWithoutResult(tx -> staging.uploading(file, sha256, content.length));
        } else if (!sha256.equals(file.sha256())) {
            throw new IllegalStateException("release file " + file.name() + " would now differ from what may already"
                    + " be in the drop (sha256 " + file.sha256() + ", now " + sha256 + "); not sent");
        }
        FilePickup.Delivery delivery = pickup.deliver(partners.require(file.partner()), file.name(), content);
        staging.finished(file, "DELIVERED");
        contribution.incrementWriteCount(lines.size());
        log.info("plant {}: {} with {} order(s) {} ({} bytes, sha256 {})", file.plant(), file.name(), lines.size(),
                delivery == FilePickup.Delivery.WRITTEN ? "delivered" : "was already in the drop", content.length,
                sha256);
        return RepeatStatus.FINISHED;
    }
}
