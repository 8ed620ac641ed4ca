package dev.plantsync.production;

import java.math.BigDecimal;
import java.time.Instant;

/** A {@link MesEvent} as staged in {@code mes_event}, with where it stands on its way to Odoo. */
record StagedEvent(long id, String plant, String eventId, Long fileId, int line, String moName, MesEvent.Type type,
        boolean finalProduction, BigDecimal quantity, String unit, String productCode, String lot, Instant time,
        String state, boolean approved, BigDecimal producedBefore, Instant markedAt, Long odooMoId) {

    boolean marked() {
        return "MARKED".equals(state);
    }

    /** The business key of the event in the {@code odoo_write} ledger and in Odoo (scrap origin). */
    String key() {
        return "MES " + plant + "/" + eventId;
    }

    /** "completions-1.csv line 4 (event E-17)": where an operator finds it. */
    String location() {
        return "line " + line + " (event " + eventId + ")";
    }
}
