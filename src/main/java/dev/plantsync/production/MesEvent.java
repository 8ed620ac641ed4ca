package dev.plantsync.production;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One event of a plant's MES as its completion file states it (jobs/production-completions.md): the MES's own id
 * (unique per plant), the manufacturing order by the name the MES knows, what happened, how much, which lot.
 * {@code line} is where it stands in its file (CSV line, or the JSON event's position), for exception records.
 */
public record MesEvent(int line, String eventId, String moName, Type type, boolean finalProduction,
        BigDecimal quantity, String unit, String productCode, String lot, Instant time, String workCentre,
        String operator, String reason) {

    /** What the MES reports. */
    public enum Type {
        /** Finished product made, with its lot; {@code final}: the last production of the order (no backorder). */
        PRODUCED,
        /** A component used (one lot per event) for the next PRODUCED of the same order. */
        CONSUMED,
        /** A component (or the finished product) scrapped during the order, with a reason. */
        SCRAPPED,
        /** The MES closed the order: nothing more will be produced on it. */
        CLOSED
    }
}
