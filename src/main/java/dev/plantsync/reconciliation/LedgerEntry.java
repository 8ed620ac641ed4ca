package dev.plantsync.reconciliation;

import java.time.OffsetDateTime;

/** One row of the odoo_write ledger: what PlantSync wrote, where, and (for checking) the values it wrote. */
record LedgerEntry(long id, String model, String businessKey, int odooId, String writtenValues, String job,
        OffsetDateTime writtenAt) {
}
