package dev.plantsync.production;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.plantsync.platform.ExceptionRecords;
import dev.plantsync.platform.RunSummary;
import dev.plantsync.sftp.FilePickup;
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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Picks up every plant's completion files from its MES drop and stages their events, one file per transaction: each
 * event once per plant and event id (the same event sent again changes nothing; the same id with other content is
 * an exception record, the first one stands), each bad event an exception record with file, line and reason while
 * the good ones of the file are staged. A file that cannot be read at all is quarantined. Files a crashed run left
 * claimed are staged by the next one.
 */
class StageCompletionFiles implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(StageCompletionFiles.class);
    static final String DOCUMENT_TYPE = "mes-completion";

    private final ProductionSettings settings;
    private final PartnerRegistry partners;
    private final FilePickup pickup;
    private final CompletionStaging staging;
    private final ExceptionRecords exceptions;
    private final TransactionTemplate transactions;

    StageCompletionFiles(ProductionSettings settings, PartnerRegistry partners, FilePickup pickup,
            CompletionStaging staging, ExceptionRecords exceptions, TransactionTemplate transactions) {
        this.settings = settings;
        this.partners = partners;
        this.pickup = pickup;
        this.staging = staging;
        this.exceptions = exceptions;
        this.transactions = transactions;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        for (Map.Entry<String, ProductionSettings.Plant> plant : settings.plants().entrySet()) {
            String partner = plant.getValue().partner();
            if (partners.find(partner).isEmpty()) {
                exceptions.record(ProductionCompletionImportJob.NAME, step.getJobExecutionId(), step.getStepName(),
                        null, "plantsync.production.plants." + plant.getKey() + ".partner", plant.getKey(),
                        "UNKNOWN_PARTNER", "the MES drop " + partner + " of plant " + plant.getKey()
                                + " is not in the partner registry (jobs/partners.yml)", null);
                continue;
            }
            try {
                pickup.pickup(partners.require(partner), List.of(DOCUMENT_TYPE), left -> exceptions.record(
                        ProductionCompletionImportJob.NAME, step.getJobExecutionId(), step.getStepName(), null,
                        left.partner() + ":" + left.name(), left.name(), RunSummary.FILE_LEFT_BEHIND, left.name()
                                + " stays in the drop of " + left.partner() + ": " + left.reason(), null));
            } catch (SftpDropException e) {
                log.warn("plant {} (drop {}): {}", plant.getKey(), partner, e.getMessage());
                exceptions.record(ProductionCompletionImportJob.NAME, step.getJobExecutionId(), step.getStepName(),
                        null, partner, plant.getKey(), "SFTP_UNAVAILABLE", e.getMessage(), null);
            }
        }
        for (PickedFile file : pickup.claimed(DOCUMENT_TYPE, partners)) {
            Optional<String> plant = plantOf(file.partner().id());
            if (plant.isEmpty()) {
                pickup.quarantine(file, "no plant of jobs/production.yml takes completions from " + file.partner().id());
                continue;
            }
            stage(plant.get(), file, step, contribution);
        }
        return RepeatStatus.FINISHED;
    }

    private Optional<String> plantOf(String partner) {
        return settings.plants().entrySet().stream().filter(p -> p.getValue().partner().equals(partner))
                .map(Map.Entry::getKey).findFirst();
    }

    private void stage(String plant, PickedFile file, StepExecution step, StepContribution contribution) {
        long instance = step.getJobExecution().getJobInstance().getId();
        CompletionFileReader.Result result;
        try (InputStream in = Files.newInputStream(file.localPath())) {
            result = CompletionFileReader.read(file.name(), in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file.localPath() + ": " + e.getMessage(), e);
        }
        if (result.fileError() != null) {
            exceptions.record(ProductionCompletionImportJob.NAME, step.getJobExecutionId(), step.getStepName(),
                    file.id(), file.name(), null, "UNREADABLE_FILE", result.fileError(), null);
            pickup.quarantine(file, result.fileError());
            return;
        }
        int[] counts = new int[3];
        transactions.executeWithoutResult(tx -> {
            for (CompletionFileReader.LineError error : result.errors()) {
                exceptions.record(ProductionCompletionImportJob.NAME, step.getJobExecutionId(), step.getStepName(),
                        file.id(), "line " + error.line(), error.eventId(), "INVALID_EVENT", error.reason(), null);
            }
            for (MesEvent e : result.events()) {
                contribution.incrementReadCount();
                switch (staging.stage(plant, file.id(), e, instance)) {
                    case NEW -> {
                        counts[0]++;
                        contribution.incrementWriteCount(1);
                    }
                    case DUPLICATE -> {
                        counts[1]++;
                        contribution.incrementFilterCount(1);
                    }
                    case ID_REUSED -> {
                        counts[2]++;
                        exceptions.record(ProductionCompletionImportJob.NAME, step.getJobExecutionId(),
                                step.getStepName(), file.id(), "line " + e.line(), e.eventId(), "EVENT_ID_REUSED",
                                "event " + e.eventId() + " of plant " + plant + " was staged before with other "
                                        + "content; the first one stands", null);
                    }
                }
            }
            pickup.staged(file);
        });
        pickup.processed(file);
        log.info("{} (plant {}): {} event(s) staged, {} sent before, {} id(s) reused, {} invalid", file.name(), plant,
                counts[0], counts[1], counts[2], result.errors().size());
    }
}
