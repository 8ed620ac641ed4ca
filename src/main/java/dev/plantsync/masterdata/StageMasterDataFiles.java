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
 * Picks up each source's master-data files, kind by kind, and stages their lines, each file in one transaction with its STAGED mark.
 * A bad line goes to exception_record with file, line and column while the rest of the file is staged; a file
 * whose header lacks a required column is quarantined with that reason. A key (default code, category) given twice in one file is
 * an exception at its second line (which of the two would be meant cannot be known).
 */
class StageMasterDataFiles implements Tasklet {

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
        for (EntityLayout layout : MasterDataSyncJob.LAYOUTS) {
            for (MasterDataSettings.Source source : settings.sources()) {
                try {
                    pickup.pickup(partners.require(source.partner()), layout.documentType);
                } catch (SftpDropException e) {
                    // Other sources still sync; this one's files wait on its drop for the next run.
                    log.warn("master-data source {} unavailable, its {} files wait for the next run: {}",
                            source.partner(), layout.entity, e.getMessage());
                }
            }
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
        List<String[]> badLines = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        transactions.executeWithoutResult(tx -> {
            List<Object[]> batch = new ArrayList<>();
            Map<String, Integer> firstLine = new HashMap<>();
            try (Reader reader = Files.newBufferedReader(file.localPath(), StandardCharsets.UTF_8);
                    CSVParser csv = CSVParser.builder().setReader(reader).setFormat(format).get()) {
                String headerProblem = layout.checkHeader(csv.getHeaderMap());
                if (headerProblem != null) {
                    throw new IllegalArgumentException(headerProblem);
                }
                for (CSVRecord record : csv) {
                    contribution.incrementReadCount();
                    int line = (int) record.getRecordNumber() + 1;
                    String where = file.name() + ":" + line;
                    String keyColumn = layout.keyColumn();
                    String key = record.isMapped(keyColumn) && record.isSet(keyColumn)
                            ? record.get(keyColumn).strip() : null;
                    try {
                        Map<String, Object> values = layout.parse(record);
                        key = layout.key(values);
                        Integer earlier = firstLine.putIfAbsent(key, line);
                        if (earlier != null) {
                            throw new EntityLayout.Invalid(keyColumn, "'" + key + "' is already on line " + earlier);
                        }
                        batch.add(new Object[] {instance, layout.entity, file.id(), file.name(), line, key, full,
                                json.writeValueAsString(values), layout.depth(key)});
                        if (batch.size() == 1000) {
                            flush(batch);
                        }
                    } catch (EntityLayout.Invalid e) {
                        badLines.add(new String[] {where, key, where + ": " + e.getMessage(),
                                String.join(",", record.values())});
                    }
                }
                flush(batch);
            } catch (IOException | IllegalArgumentException | IllegalStateException e) {
                tx.setRollbackOnly();
                fileError[0] = file.name() + ": " + e.getMessage();
                return;
            }
            for (String[] b : badLines) {
                exceptions.record(MasterDataSyncJob.NAME, step.getJobExecutionId(), step.getStepName(), file.id(),
                        b[0], b[1], "INVALID_MASTER_DATA_LINE", b[2], b[3]);
            }
            contribution.incrementWriteCount(firstLine.size());
            pickup.staged(file);
        });
        if (fileError[0] != null) {
            exceptions.record(MasterDataSyncJob.NAME, step.getJobExecutionId(), step.getStepName(), file.id(),
                    file.name(), null, "INVALID_MASTER_DATA_FILE", fileError[0], null);
            pickup.quarantine(file, fileError[0]);
        } else {
            pickup.processed(file);
            log.info("{}: staged, {} bad line(s)", file.name(), badLines.size());
        }
    }

    private void flush(List<Object[]> batch) {
        if (!batch.isEmpty()) {
            jdbc.batchUpdate(INSERT, batch);
            batch.clear();
        }
    }
}
