package dev.plantsync.production;

/**
 * An event was marked and its Odoo calls sent, but Odoo does not show their effect yet: a call may still be
 * committing. Calling again now could book the production twice; after {@code plantsync.production.settle-time} the
 * restart decides from what Odoo holds alone.
 */
class ProductionNotSettledException extends RuntimeException {

    ProductionNotSettledException(String message) {
        super(message);
    }
}
