package dev.plantsync.masterdata;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.plantsync.platform.ExceptionRecords;
import dev.plantsync.platform.RunSummary;
import dev.plantsync.sftp.FilePickup;
import dev.plantsync.sftp.PartnerRegistry;
import dev.plantsync.sftp.PickedFile;
import dev.plantsync.sftp.SftpDropException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * Picks up each source's master-data files, all kinds at once (one stability wait per source), and stages their
 * lines kind by kind, each file in one transaction with its STAGED mark.
 * A bad line goes to exception_record with file, line and column while the rest of the file is staged; a file
 * whose header lacks a required column is quarantined with that reason. A key (default code, category) given twice in one file is
 * an exception at its second line (which of the two would be meant cannot be known).
 */
class StageMasterDataFiles implements Tasklet {

    /** The reason code of the notice that a file has a column its kind does not have. */
    static final String UNKNOWN_COLUMN = "UNKNOWN_MASTER_DATA_COLUMN";
    private static final Logger log = LoggerFactory.getLogger(StageMasterDataFiles.class);
    private static final String INSERT = """
            INSERT INTO md_record (job_instance_id, entity, inbound_file_id, file_name, line_no, business_key,
                full_snapshot, values, depth) VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?)""";

    private final PartnerRegistry partners;
    private final FilePickup pickup;
    private final JdbcTemplate jdbc;
    private final ExceptionRecords exceptions;
    private final TransactionTemplate transactions;
    private final MasterDataSettings settings;
    private final ObjectMapper json = MasterDataJson.MAPPER;

    StageMasterDataFiles(PartnerRegistry partners, FilePickup pickup, JdbcTemplate jdbc, ExceptionRecords exceptions,
            TransactionTemplate transactions, MasterDataSettings settings) {
        this.partners = partners;
        this.pickup = pickup;
        this.jdbc = jdbc;
        this.exceptions = exceptions;
        this.transactions = transactions;
        this.settings = settings;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        Map<String, Boolean> fullSnapshot = new HashMap<>();
        settings.sources().forEach(source -> fullSnapshot.put(source.partner(), source.fullSnapshot()));
        // Each source's files of every kind in one pickup: one stability wait per source and run, not one per kind.
        List<String> kinds = MasterDataSyncJob.LAYOUTS.stream().map(l -> l.documentType).toList();
        for (MasterDataSettings.Source source : settings.sources()) {
            try {
                pickup.pickup(partners.require(source.partner()), kinds, left -> exceptions.record(MasterDataSyncJob.NAME, step.getJobExecutionId(), step.getStepName(), null,
                        left.partner() + ":" + left.name(), left.name(), RunSummary.FILE_LEFT_BEHIND,
                        left.name() + " stays in the drop of partner " + left.partner() + ": " + left.reason(), null));
            } catch (SftpDropException e) {
                // Other sources still sync; this one's files wait on its drop for the next run.
                log.warn("master-data source {} unavailable, its files wait for the next run: {}", source.partner(),
                        e.getMessage());
            }
        }
        for (EntityLayout layout : MasterDataSyncJob.LAYOUTS) {
            for (PickedFile file : pickup.claimed(layout.documentType, partners)) {
                if (fullSnapshot.containsKey(file.partner().id())) {
                    stage(layout, file, fullSnapshot.get(file.partner().id()), step, contribution);
                }
            }
        }
        return RepeatStatus.FINISHED;
    }

    private void stage(EntityLayout layout, PickedFile file, boolean full, StepExecution step,
            StepContribution contribution) {
        long instance = step.getJobExecution().getJobInstance().getId();
        String[] fileError = new String[1];
        List<String> unknown = new ArrayList<>();
        List<String[]> badLines = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        transactions.executeWithoutResult(tx -> {
            List<Object[]> batch = new ArrayList<>();
            Map<String, Integer> firstLine = new HashMap<>();
            int staged = 0;
            try (Reader reader = Files.newBufferedReader(file.localPath(), StandardCharsets.UTF_8);
                    CSVParser csv = CSVParser.builder().setReader(reader).setFormat(format).get()) {
                unknown.addAll(layout.unknownColumns(csv.getHeaderNames()));
                String headerProblem = layout.checkHeader(csv.getHeaderMap());
                if (headerProblem != null) {
                    throw new IllegalArgumentException(headerProblem);
                }
                // A record may span consecutive rows (a BOM and its lines): it is staged once its last row is read,
                // and not at all when one of its rows is bad.
                Object[] open = null;
                boolean openBad = false;
                for (CSVRecord record : csv) {
                    contribution.incrementReadCount();
                    int line = (int) record.getRecordNumber() + 1;
                    String where = file.name() + ":" + line;
                    String keyColumn = layout.keyColumn();
                    String rawKey = record.isMapped(keyColumn) && record.isSet(keyColumn)
                            ? record.get(keyColumn).strip() : null;
                    boolean continues = layout.groupsRows() && open != null && open[5].equals(rawKey);
                    if (!continues) {
                        staged += finish(open, openBad, batch);
                        open = null;
                        openBad = false;
                    }
                    try {
                        Map<String, Object> values = layout.parse(record);
                        String key = layout.key(values);
                        if (continues) {
                            if (!openBad) {
                                open[7] = layout.merge(valuesOf(open), values);
                            }
                            continue;
                        }
                        Integer earlier = firstLine.putIfAbsent(key, line);
                        if (earlier != null) {
                            throw new EntityLayout.Invalid(keyColumn, "'" + key + "' is already on line " + earlier
                                    + (layout.groupsRows() ? " (the rows of one record must be consecutive)" : ""));
                        }
                        open = new Object[] {instance, layout.entity, file.id(), file.name(), line, key, full, values,
                                layout.depth(key, values)};
                    } catch (EntityLayout.Invalid e) {
                        boolean wholeRecord = layout.groupsRows() && rawKey != null;
                        if (wholeRecord && !continues) {
                            // the record's later rows belong to it and are left out with it
                            open = new Object[] {instance, layout.entity, file.id(), file.name(), line, rawKey, full,
                                    null, 0};
                        }
                        openBad = wholeRecord;
                        badLines.add(new String[] {where, rawKey, where + ": " + e.getMessage()
                                + (wholeRecord ? " (the whole " + layout.entity + " " + rawKey + " is left out)" : ""),
                                String.join(",", record.values())});
                    }
                }
                staged += finish(open, openBad, batch);
                flush(batch);
            } catch (IOException | IllegalArgumentException | IllegalStateException e) {
                // A file that cannot be read as this kind at all: quarantined below. What was staged before the
                // problem goes; the rest of the step's transaction (other files) stays.
                jdbc.update("DELETE FROM md_record WHERE job_instance_id = ? AND inbound_file_id = ?", instance,
                        file.id());
                fileError[0] = file.name() + ": " + e.getMessage();
                return;
            }
            for (String[] b : badLines) {
                exceptions.record(MasterDataSyncJob.NAME, step.getJobExecutionId(), step.getStepName(), file.id(),
                        b[0], b[1], "INVALID_MASTER_DATA_LINE", b[2], b[3]);
            }
            contribution.incrementWriteCount(staged);
            pickup.staged(file);
        });
        reportUnknownColumns(layout, file, unknown, step);
        if (fileError[0] != null) {
            exceptions.record(MasterDataSyncJob.NAME, step.getJobExecutionId(), step.getStepName(), file.id(),
                    file.name(), null, "INVALID_MASTER_DATA_FILE", fileError[0], null);
            pickup.quarantine(file, fileError[0]);
        } else {
            pickup.processed(file);
            log.info("{}: staged, {} bad line(s)", file.name(), badLines.size());
        }
    }

    /**
     * Once per file and column: a column this kind does not have is not read. A notice, not a hold (the other columns
     * apply), but told in exception_record and the run summary: a misspelt {@code standard_cots} would otherwise leave
     * every cost unchanged without a word.
     */
    private void reportUnknownColumns(EntityLayout layout, PickedFile file, List<String> unknown, StepExecution step) {
        for (String column : unknown) {
            String meant = layout.closestColumn(column);
            exceptions.record(MasterDataSyncJob.NAME, step.getJobExecutionId(), step.getStepName(), file.id(),
                    file.name(), column, UNKNOWN_COLUMN, file.name() + ":1: unknown column '" + column + "' is not read"
                            + (meant == null ? "" : " (did you mean " + meant + "?)") + "; the " + layout.entity
                            + " columns are " + String.join(", ", layout.columns().stream()
                                    .map(EntityLayout.Column::header).toList()), null);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> valuesOf(Object[] open) {
        return (Map<String, Object>) open[7];
    }

    /** Adds a finished record to the batch unless one of its rows was bad; how many were added (0 or 1). */
    private int finish(Object[] open, boolean bad, List<Object[]> batch) {
        if (open == null || bad) {
            return 0;
        }
        Object[] row = open.clone();
        row[7] = json.writeValueAsString(open[7]);
        batch.add(row);
        if (batch.size() == 1000) {
            flush(batch);
        }
        return 1;
    }

    private void flush(List<Object[]> batch) {
        if (!batch.isEmpty()) {
            jdbc.batchUpdate(INSERT, batch);
            batch.clear();
        }
    }
}
