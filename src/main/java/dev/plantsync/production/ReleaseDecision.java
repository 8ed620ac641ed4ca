package dev.plantsync.production;

/**
 * What to send of one order read from Odoo, given its last release: nothing (unchanged, or cancelled before it was
 * ever released), NEW, CHANGED (with what changed) or CANCELLED, as the next version of the order.
 */
record ReleaseDecision(int version, String change, String changes, String fingerprint) {

    static final String NEW = "NEW";
    static final String CHANGED = "CHANGED";
    static final String CANCELLED = "CANCELLED";

    /** Null when nothing is to be sent. */
    static ReleaseDecision of(ReleasableOrders.Order order, ReleaseStaging.Previous previous) {
        String fingerprint = ReleaseFingerprint.of(order.content(), order.cancelled());
        if (previous != null && previous.fingerprint().equals(fingerprint)) {
            return null;
        }
        int version = previous == null ? 1 : previous.version() + 1;
        if (order.cancelled()) {
            // withdrawn only what the MES has and has not been withdrawn already
            return previous == null || previous.cancelled() ? null
                    : new ReleaseDecision(version, CANCELLED, null, fingerprint);
        }
        if (previous == null || previous.cancelled()) {
            return new ReleaseDecision(version, NEW, null, fingerprint);
        }
        String changes = String.join(";", order.content().changesFrom(ReleaseContent.fromJson(previous.content())));
        return new ReleaseDecision(version, CHANGED, changes, fingerprint);
    }
}
