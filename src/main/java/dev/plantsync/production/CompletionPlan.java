package dev.plantsync.production;

import java.util.ArrayList;
import java.util.List;

/**
 * How the open events of one manufacturing order, in the MES's order, become units applied to Odoo one after the
 * other (jobs/production-completions.md, "Grouping"):
 * <ul>
 * <li>CONSUMED events wait for the next PRODUCED of the order and are booked with it, in one mark-done;</li>
 * <li>a PRODUCED event is one mark-done (its quantity, its finished lot, the consumption reported before it, the
 * plan for the components the MES did not report);</li>
 * <li>SCRAPPED and CLOSED apply where they stand; CONSUMED events still open before a CLOSED had no production to be
 * booked with;</li>
 * <li>an event waiting for an approver holds everything after it (Odoo must see the order's events in order);</li>
 * <li>CONSUMED events after the last PRODUCED wait for a later file.</li>
 * </ul>
 */
final class CompletionPlan {

    enum Kind {
        PRODUCE, SCRAP, CLOSE, WAIT, HELD
    }

    /** One unit: its main event (null for WAIT) and the CONSUMED events that go with it. */
    record Unit(Kind kind, StagedEvent main, List<StagedEvent> consumed) {
    }

    private CompletionPlan() {
    }

    static List<Unit> units(List<StagedEvent> events) {
        List<Unit> units = new ArrayList<>();
        List<StagedEvent> pending = new ArrayList<>();
        for (StagedEvent e : events) {
            if ("APPROVAL".equals(e.state())) {
                units.add(new Unit(Kind.HELD, e, List.copyOf(pending)));
                return units;
            }
            switch (e.type()) {
                case CONSUMED -> pending.add(e);
                case PRODUCED -> {
                    units.add(new Unit(Kind.PRODUCE, e, List.copyOf(pending)));
                    pending.clear();
                }
                case SCRAPPED -> units.add(new Unit(Kind.SCRAP, e, List.of()));
                case CLOSED -> {
                    units.add(new Unit(Kind.CLOSE, e, List.copyOf(pending)));
                    pending.clear();
                }
            }
        }
        if (!pending.isEmpty()) {
            units.add(new Unit(Kind.WAIT, null, List.copyOf(pending)));
        }
        return units;
    }
}
