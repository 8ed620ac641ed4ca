package dev.plantsync.invoices;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.plantsync.edi.Acknowledgements;
import dev.plantsync.edi.EdiError;
import dev.plantsync.edi.Interchange;
import dev.plantsync.edi.InterchangeRegistry;
import dev.plantsync.edi.InvoiceParsers;
import dev.plantsync.edi.InvoiceSink;
import dev.plantsync.edi.ParsedInvoice;
import dev.plantsync.edi.SupplierInvoice;
import dev.plantsync.platform.ExceptionRecords;
import dev.plantsync.platform.RunSummary;
import dev.plantsync.sftp.FilePickup;
import dev.plantsync.sftp.Partner;
import dev.plantsync.sftp.PartnerRegistry;
import dev.plantsync.sftp.PickedFile;
import dev.plantsync.sftp.SftpDropException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pick up and stage: every partner's new invoice files are claimed and downloaded, then each file's invoices are
 * staged in one transaction (bad invoices go to exception_record with their location), acknowledged with a TA1 and
 * 997 or a CONTRL, and the file archived. Invoices are staged as they stream in; when an interchange or group turns
 * out to be rejected at its trailer (control numbers or counts differ, unknown sender, no trailer, reading stopped),
 * its invoices are withdrawn again in the same transaction, so nothing of a rejected envelope is ever staged. A file
 * with any file-level error (a rejected envelope, a reading limit, nothing usable in it) is quarantined with its
 * reason. An unreachable partner is recorded and does not stop the others. Files a crashed run left claimed are
 * staged by the next one.
 */
class StageInvoiceFiles implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(StageInvoiceFiles.class);
    static final String DOCUMENT_TYPE = "invoice";
    /** Job parameter: replay earlier exceptions ("exceptions", or staging ids) instead of picking up files. */
    static final String REPLAY = "replay";

    private final PartnerRegistry partners;
    private final FilePickup pickup;
    private final InvoiceStaging staging;
    private final InterchangeRegistry interchanges;
    private final ExceptionRecords exceptions;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final InvoiceSettings settings;
    /** Up to how many characters of an invoice's own part of the file go with its bill (over it: a note). */
    private final int documentLimit;

    StageInvoiceFiles(PartnerRegistry partners, FilePickup pickup, InvoiceStaging staging,
            InterchangeRegistry interchanges, ExceptionRecords exceptions, TransactionTemplate transactions, Clock clock,
            InvoiceSettings settings) {
        this(partners, pickup, staging, interchanges, exceptions, transactions, clock, settings,
                dev.plantsync.edi.InvoiceDocument.DEFAULT_LIMIT);
    }

    StageInvoiceFiles(PartnerRegistry partners, FilePickup pickup, InvoiceStaging staging,
            InterchangeRegistry interchanges, ExceptionRecords exceptions, TransactionTemplate transactions, Clock clock,
            InvoiceSettings settings, int documentLimit) {
        this.settings = settings;
        this.documentLimit = documentLimit;
        this.partners = partners;
        this.pickup = pickup;
        this.staging = staging;
        this.interchanges = interchanges;
        this.exceptions = exceptions;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        String replay = step.getJobParameters().getString(REPLAY);
        if (replay != null && !replay.isBlank()) {
            int replayed = staging.replay(step.getJobExecution().getJobInstance().getId(), replay);
            contribution.incrementReadCount();
            log.info("replaying {} invoice(s) ({})", replayed, replay);
            return RepeatStatus.FINISHED;
        }
        for (Partner partner : partners.all()) {
            if (!partner.patterns().containsKey(DOCUMENT_TYPE)) {
                continue;
            }
            try {
                pickup.pickup(partner, List.of(DOCUMENT_TYPE), left -> exceptions.record(InvoicePostingJob.NAME, step.getJobExecutionId(), step.getStepName(), null,
                        left.partner() + ":" + left.name(), left.name(), RunSummary.FILE_LEFT_BEHIND,
                        left.name() + " stays in the drop of partner " + left.partner() + ": " + left.reason(), null));
            } catch (SftpDropException e) {
                log.warn("partner {}: {}", partner.id(), e.getMessage());
                exceptions.record(InvoicePostingJob.NAME, step.getJobExecutionId(), step.getStepName(), null,
                        partner.id(), partner.id(), "SFTP_UNAVAILABLE", e.getMessage(), null);
            }
        }
        for (PickedFile file : pickup.claimed(DOCUMENT_TYPE, partners)) {
            stage(file, step, contribution);
        }
        return RepeatStatus.FINISHED;
    }

    private void stage(PickedFile file, StepExecution step, StepContribution contribution) {
        long instance = step.getJobExecution().getJobInstance().getId();
        Set<String> knownSenders = new HashSet<>(file.partner().ediIds());
        List<EdiError> fileErrors = new ArrayList<>();
        List<Interchange> seen = new ArrayList<>();
        List<String> rejections = new ArrayList<>();
        // Staged ids of the interchange being read, by source, until its trailer gives the envelope's verdict.
        Map<Long, SupplierInvoice.Source> pending = new LinkedHashMap<>();
        // Staged ids of invoices outside any envelope (CSV), withdrawn again if the file's reading stops.
        List<Long> outsideEnvelopes = new ArrayList<>();
        int[] counts = new int[2];
        transactions.executeWithoutResult(tx -> {
            try (InputStream in = Files.newInputStream(file.localPath())) {
                // Each invoice's own part of the file is kept for its bill, unless the partner turned attachments off.
                InvoiceParsers.parse(in, file.name(), new InvoiceParsers.Options(',',
                        knownSenders.isEmpty() ? null : knownSenders, file.partner().csvColumns(),
                        settings.csv().maxLineChars(), settings.csv().maxFieldChars(),
                        documentLimit(file.partner(), documentLimit)), new InvoiceSink() {
                            @Override
                            public void invoice(ParsedInvoice parsed) {
                                contribution.incrementReadCount();
                                if (parsed.valid()) {
                                    long id = staging.stage(instance, file.id(), file.partner().id(), parsed.invoice(),
                                            parsed.document());
                                    if (parsed.source().interchangeControl() != null) {
                                        pending.put(id, parsed.source()); // counted as written at its trailer
                                    } else {
                                        outsideEnvelopes.add(id);
                                        contribution.incrementWriteCount(1);
                                    }
                                    counts[0]++;
                                } else {
                                    counts[1]++;
                                    String key = parsed.invoice() == null ? null : parsed.invoice().invoiceNumber();
                                    for (EdiError e : parsed.errors()) {
                                        exceptions.record(InvoicePostingJob.NAME, step.getJobExecutionId(),
                                                step.getStepName(), file.id(), e.location(), key, e.code().name(),
                                                e.reason(), null);
                                    }
                                }
                            }

                            @Override
                            public void fileError(EdiError error) {
                                fileErrors.add(error);
                                exceptions.record(InvoicePostingJob.NAME, step.getJobExecutionId(), step.getStepName(),
                                        file.id(), error.location(), null, error.code().name(), error.reason(), null);
                            }

                            @Override
                            public void interchange(Interchange interchange) {
                                seen.add(interchange);
                                int withdrawn = withdrawRejected(interchange, pending, file, step, rejections);
                                contribution.incrementWriteCount(pending.size() - withdrawn);
                                contribution.incrementFilterCount(withdrawn);
                                counts[0] -= withdrawn;
                                pending.clear();
                                if (interchange.rejected()) {
                                    return; // not registered: the partner resends it corrected, maybe under its number
                                }
                                Optional<String> first = interchanges.registerOrFindFirst(interchange, file.id(),
                                        file.name());
                                if (first.isPresent()) {
                                    EdiError dup = InterchangeRegistry.duplicate(interchange, file.name(), first.get());
                                    staging.rejectInterchange(file.id(), interchange.controlNumber(), dup.reason());
                                    exceptions.record(InvoicePostingJob.NAME, step.getJobExecutionId(),
                                            step.getStepName(), file.id(), dup.location(), null, dup.code().name(),
                                            dup.reason(), null);
                                }
                            }
                        });
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file.localPath() + ": " + e.getMessage(), e);
            }
            if (!fileErrors.isEmpty() && !outsideEnvelopes.isEmpty()) {
                // A CSV file whose reading stopped (bad bytes, a line over the limit) is not staged in part: the
                // invoices read before the stop are withdrawn with it, and the file is quarantined whole.
                int withdrawn = staging.withdraw(outsideEnvelopes);
                contribution.incrementWriteCount(-withdrawn);
                contribution.incrementFilterCount(withdrawn);
                counts[0] -= withdrawn;
                rejections.add(fileErrors.get(0) + " - " + withdrawn + " invoice(s) read before it were not staged");
            }
            pickup.staged(file);
        });
        Set<String> names = new HashSet<>();
        for (Interchange interchange : seen) {
            boolean x12 = "X12".equals(interchange.standard());
            byte[] ack = x12 ? Acknowledgements.x12(interchange, String.valueOf(file.id()), LocalDateTime.now(clock))
                    : Acknowledgements.edifact(interchange, "PS" + file.id(), LocalDateTime.now(clock));
            // A rejected X12 interchange is answered by the TA1 alone.
            pickup.acknowledge(file, acknowledgementName((x12 ? interchange.rejected() ? "TA1_" : "997_" : "CONTRL_")
                    + interchange.controlNumber(), file.id(), names), ack);
        }
        if (!rejections.isEmpty()) {
            pickup.quarantine(file, String.join("; ", rejections));
        } else if (!fileErrors.isEmpty()) {
            pickup.quarantine(file, fileErrors.get(0).toString());
        } else {
            pickup.processed(file);
        }
        log.info("{}: {} invoice(s) staged, {} invalid", file.name(), counts[0], counts[1]);
    }

    /** How much of each invoice's own part of the file is kept for its bill: none when the partner turned it off. */
    static int documentLimit(Partner partner, int limit) {
        return Boolean.FALSE.equals(partner.attachInvoices()) ? 0 : limit;
    }

    /**
     * A name no other acknowledgement has: partners resend files under the same interchange control number, and an
     * acknowledgement named after it alone replaced the earlier one in their outbound directory. The inbound file's id
     * (our own control number in the acknowledgement's envelope) makes it unique; a second interchange with the same
     * number in one file gets a sequence as well. "997_000000101_42.edi".
     */
    static String acknowledgementName(String base, long fileId, Set<String> usedInFile) {
        String name = base + "_" + fileId;
        for (int n = 2; !usedInFile.add(name); n++) {
            name = base + "_" + fileId + "_" + n;
        }
        return name + ".edi";
    }

    /**
     * At an interchange's trailer: its invoices staged so far are withdrawn if it, or their group, was rejected, with
     * one exception_record per rejected envelope naming the acknowledgement sent (e.g. TA1 R 001). Returns how many.
     */
    private int withdrawRejected(Interchange interchange, Map<Long, SupplierInvoice.Source> pending, PickedFile file,
            StepExecution step, List<String> rejections) {
        Map<String, Interchange.Rejection> rejected = new LinkedHashMap<>();
        if (interchange.rejected()) {
            rejected.put("interchange " + interchange.controlNumber(), interchange.rejection());
        } else {
            interchange.groups().stream().filter(g -> g.rejection() != null)
                    .forEach(g -> rejected.put("group " + g.controlNumber(), g.rejection()));
        }
        int total = 0;
        for (Map.Entry<String, Interchange.Rejection> e : rejected.entrySet()) {
            List<Long> ids = pending.entrySet().stream()
                    .filter(p -> interchange.rejectionOf(p.getValue()) == e.getValue()).map(Map.Entry::getKey).toList();
            int removed = staging.withdraw(ids);
            total += removed;
            String reason = e.getValue().describe(e.getKey()) + (removed > 0 ? " - " + removed
                    + " invoice(s) read from it were not staged" : "");
            rejections.add(reason);
            exceptions.record(InvoicePostingJob.NAME, step.getJobExecutionId(), step.getStepName(), file.id(),
                    e.getValue().cause().location(), null, EdiError.Code.ENVELOPE_REJECTED.name(), reason, null);
        }
        return total;
    }
}
