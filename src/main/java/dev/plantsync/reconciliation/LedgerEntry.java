package dev.plantsync.reconciliation;

import java.time.OffsetDateTime;

/**
 * One row of the odoo_write ledger: what PlantSync wrote, where, in which state it left it (CREATED, UPDATED,
 * CONFIRMED) and (for checking) the values it wrote.
 */
record LedgerEntry(long id, String model, String businessKey, int odooId, String state, String writtenValues,
        String job, OffsetDateTime writtenAt) {
}
