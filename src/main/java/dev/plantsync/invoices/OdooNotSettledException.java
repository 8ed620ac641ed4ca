package dev.plantsync.invoices;

/**
 * Odoo did not answer a create and does not show its result (yet): it may still be committing. The chunk fails so
 * that no second bill is made; a restart after the settle time decides by looking the bills up.
 */
class OdooNotSettledException extends RuntimeException {

    OdooNotSettledException(String message) {
        super(message);
    }

    OdooNotSettledException(String message, Throwable cause) {
        super(message, cause);
    }
}
