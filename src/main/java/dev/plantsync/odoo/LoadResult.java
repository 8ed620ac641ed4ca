package dev.plantsync.odoo;

import java.util.List;
import java.util.Map;

/**
 * What {@code load} answered: the ids in row order, or none at all (Odoo saves no row when any row has an error),
 * with one message per problem ({@code rows}/{@code record} are 0-based indexes into the data sent).
 */
public record LoadResult(List<Integer> ids, List<Map<String, Object>> messages) {

    public boolean saved() {
        return ids != null;
    }
}
