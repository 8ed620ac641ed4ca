package dev.plantsync.reconciliation;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import dev.plantsync.platform.ExceptionRecords;
import dev.plantsync.platform.RunSummary;
import dev.plantsync.sftp.FilePickup;
import dev.plantsync.sftp.Partner;
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

/**
 * The warehouse's side: the site's stock snapshot files (CSV: site, location, item, lot, quantity, uom,
 * snapshot_time) picked up from its partner's drop ({@link #pickUp}, while Odoo's products are read), codes mapped
 * to Odoo's and resolved to its products ({@link SnapshotResolver}), staged with COPY. A bad line goes to
 * exception_record with its line number and the reason; the rest of the file is staged. Each file is staged in one
 * transaction together with its STAGED mark, so a restart neither loses nor doubles a file.
 */
class StageStockSnapshot implements Tasklet {

    static final String DOCUMENT_TYPE = "stock-snapshot";
    private static final Logger log = LoggerFactory.getLogger(StageStockSnapshot.class);

    private final PartnerRegistry partners;
    private final FilePickup pickup;
    private final JdbcTemplate jdbc;
    private final ExceptionRecords exceptions;
    private final TransactionTemplate transactions;
    private final InventorySettings settings;
    private final ProductCodesByExecution productsRead;
    private final InventoryStaging staging;

    StageStockSnapshot(PartnerRegistry partners, FilePickup pickup, JdbcTemplate jdbc, ExceptionRecords exceptions,
            TransactionTemplate transactions, InventorySettings settings, ProductCodesByExecution productsRead,
            InventoryStaging staging) {
        this.partners = partners;
        this.pickup = pickup;
        this.jdbc = jdbc;
        this.exceptions = exceptions;
        this.transactions = transactions;
        this.settings = settings;
        this.productsRead = productsRead;
        this.staging = staging;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        String site = InventoryReconciliationJob.site(step.getJobParameters());
        String partnerId = settings.partnerFor(site);
        long instance = step.getJobExecution().getJobInstance().getId();
        String warehouseSide = InventoryStaging.stock(instance, 'W');
        boolean stagedBefore = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM " + warehouseSide + ")",
                Boolean.class);
        if (!stagedBefore) {
            // Emptied once more in the step's transaction, which the files' COPYs join: their lines go in frozen (see
            // StockRows.warehouse), and the first file has no older lines to delete.
            jdbc.execute("TRUNCATE " + warehouseSide);
        }
        SnapshotResolver resolver = SnapshotResolver.of(jdbc, instance, productsRead.get(step.getJobExecutionId()));
        boolean empty = !stagedBefore;
        for (PickedFile file : pickup.claimed(DOCUMENT_TYPE, partners)) {
            if (file.partner().id().equals(partnerId) && stage(file, site, step, contribution, resolver, !stagedBefore,
                    empty)) {
                empty = false;
            }
        }
        if (stagedBefore) {
            resolveAgain(instance, step.getJobExecutionId(), resolver);
        }
        // Counted once all is staged (files may replace each other's lines), while Odoo's quants still page.
        staging.counted(instance, 'W', jdbc.queryForObject("SELECT count(*) FROM " + warehouseSide, Long.class));
        return RepeatStatus.FINISHED;
    }

    /**
     * The pickup on its own: the download from SFTP (and its decryption) costs CPU that the staging, which runs while
     * Odoo's quants page, is better without.
     */
    Tasklet pickUp() {
        return (contribution, chunkContext) -> {
            org.springframework.batch.core.step.StepExecution step = chunkContext.getStepContext().getStepExecution();
            String site = InventoryReconciliationJob.site(chunkContext.getStepContext().getStepExecution()
                    .getJobParameters());
            String partnerId = settings.partnerFor(site);
            Partner partner = partners.find(partnerId).orElseThrow(() -> new IllegalStateException("site " + site
                    + ": no partner '" + partnerId + "' in the partners file to pick its stock snapshot from"
                    + " (plantsync.inventory.sites)"));
            try {
                pickup.pickup(partner, java.util.List.of(DOCUMENT_TYPE), left -> exceptions.record(InventoryReconciliationJob.NAME, step.getJobExecutionId(), step.getStepName(), null,
                        left.partner() + ":" + left.name(), left.name(), RunSummary.FILE_LEFT_BEHIND,
                        left.name() + " stays in the drop of partner " + left.partner() + ": " + left.reason(), null));
            } catch (SftpDropException e) {
                // Files picked up before are still staged; with none, the comparison reports everything missing, so
                // the failure must be loud rather than a report full of false breaks.
                throw new IllegalStateException("site " + site + ": stock snapshot drop unavailable: " + e.getMessage(),
                        e);
            }
            return RepeatStatus.FINISHED;
        };
    }

    /**
     * A restarted run read Odoo's products again (they may have changed: a product created for an unknown item, a
     * code or unit changed): lines staged by an earlier execution are resolved once more, through the same
     * {@link SnapshotResolver}, and replace their older versions in the same transaction.
     */
    private void resolveAgain(long instance, long execution, SnapshotResolver resolver) {
        String warehouseSide = InventoryStaging.stock(instance, 'W');
        String older = " WHERE resolved_by IS DISTINCT FROM " + execution;
        transactions.executeWithoutResult(tx -> {
            for (long file : jdbc.queryForList("SELECT DISTINCT inbound_file_id FROM " + warehouseSide + older,
                    Long.class)) {
                // Read through a connection of its own (the rows are committed) while this transaction COPYs them.
                try (Connection reading = jdbc.getDataSource().getConnection();
                        StockRows rows = StockRows.warehouse(jdbc.getDataSource(), instance, file, execution, false)) {
                    reading.setAutoCommit(false); // a cursor: 10,000 rows at a time
                    try (PreparedStatement lines = reading.prepareStatement("SELECT location, item, lot, quantity,"
                            + " unit, line_no FROM " + warehouseSide + older + " AND inbound_file_id = " + file)) {
                        lines.setFetchSize(10_000);
                        try (ResultSet rs = lines.executeQuery()) {
                            while (rs.next()) {
                                resolver.add(rows, rs.getString(1), rs.getString(2), rs.getString(3),
                                        rs.getBigDecimal(4), rs.getString(5), rs.getObject(6, Integer.class));
                            }
                        }
                    }
                    reading.rollback();
                } catch (SQLException e) {
                    throw new IllegalStateException(warehouseSide + ": cannot read the lines staged before: "
                            + e.getMessage(), e);
                }
            }
            int replaced = jdbc.update("DELETE FROM " + warehouseSide + older);
            log.info("{} snapshot line(s) staged before this execution resolved again against Odoo's products",
                    replaced);
        });
    }

    /**
     * One file in one transaction with its STAGED mark; {@code frozen}: the warehouse's leaf was truncated in this
     * transaction; {@code empty}: nothing is staged in it yet. True when the file's lines were staged.
     */
    private boolean stage(PickedFile file, String site, StepExecution step, StepContribution contribution,
            SnapshotResolver resolver, boolean frozen, boolean empty) {
        long instance = step.getJobExecution().getJobInstance().getId();
        // The run's own partition, by name: a statement on the parent could lock Odoo's side while it is re-staged.
        String warehouseSide = InventoryStaging.stock(instance, 'W');
        Map<String, String> locations = settings.locationMap();
        Map<String, String> items = settings.itemMap();
        Map<String, String> units = settings.unitMap();
        int[] bad = new int[1];
        java.util.List<String[]> badLines = new java.util.ArrayList<>();
        String[] fileError = new String[1];
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        transactions.executeWithoutResult(tx -> {
            try (Reader reader = Files.newBufferedReader(file.localPath(), StandardCharsets.UTF_8);
                    CSVParser csv = CSVParser.builder().setReader(reader).setFormat(format).get();
                    StockRows rows = StockRows.warehouse(jdbc.getDataSource(), instance, file.id(),
                            step.getJobExecutionId(), frozen)) {
                SnapshotLine columns = SnapshotLine.of(csv.getHeaderMap());
                for (CSVRecord record : csv) {
                    contribution.incrementReadCount();
                    int line = (int) record.getRecordNumber() + 1;
                    SnapshotLine.Check check = columns.check(record, site);
                    if (check instanceof SnapshotLine.Unusable unusable) {
                        bad[0]++;
                        String where = file.name() + ":" + line;
                        // Recorded once the COPY is finished: the connection carries nothing else meanwhile.
                        badLines.add(new String[] {where, record.isSet("item") ? record.get("item") : null,
                                where + ": " + unusable.why(), String.join(",", record.values())});
                        continue;
                    }
                    String location = record.get(columns.location());
                    String item = record.get(columns.item());
                    String unit = record.get(columns.uom());
                    resolver.add(rows, locations.getOrDefault(location, location), items.getOrDefault(item, item),
                            record.get(columns.lot()), ((SnapshotLine.Usable) check).quantity(),
                            unit.isEmpty() ? null : units.getOrDefault(unit, unit), line);
                }
                contribution.incrementWriteCount(rows.count());
            } catch (IOException | IllegalArgumentException | IllegalStateException e) {
                // A file that cannot be read as a snapshot at all: quarantined below, the run goes on without it.
                // What was copied before the problem goes; the rest of the run's transaction stays intact.
                jdbc.update("DELETE FROM " + warehouseSide + " WHERE inbound_file_id = ?", file.id());
                bad[0] = -1;
                fileError[0] = file.name() + ": " + e.getMessage();
                return;
            }
            if (!empty) {
                // The latest snapshot speaks for the site: rows of a file staged before this one go.
                jdbc.update("DELETE FROM " + warehouseSide + " WHERE inbound_file_id < ?", file.id());
            }
            for (String[] b : badLines) {
                exceptions.record(InventoryReconciliationJob.NAME, step.getJobExecutionId(), step.getStepName(),
                        file.id(), b[0], b[1], "INVALID_SNAPSHOT_LINE", b[2], b[3]);
            }
            pickup.staged(file);
        });
        if (bad[0] < 0) {
            exceptions.record(InventoryReconciliationJob.NAME, step.getJobExecutionId(), step.getStepName(),
                    file.id(), file.name(), null, "INVALID_SNAPSHOT_FILE", fileError[0], null);
            pickup.quarantine(file, fileError[0]);
            return false;
        }
        pickup.processed(file);
        log.info("{}: snapshot staged, {} bad line(s)", file.name(), bad[0]);
        return true;
    }
}
