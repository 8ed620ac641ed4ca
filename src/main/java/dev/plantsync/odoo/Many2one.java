package dev.plantsync.odoo;

import java.util.List;

/** A many2one value as Odoo reads it: {@code [id, "display name"]}. */
public record Many2one(int id, String displayName) {

    /** The value of a many2one field in a read result, or null for Odoo's {@code false}. */
    static Many2one from(Object value) {
        if (value instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof Number id) {
            return new Many2one(id.intValue(), String.valueOf(pair.get(1)));
        }
        if (value instanceof Number id) {
            return new Many2one(id.intValue(), null);
        }
        return null;
    }
}
