package dev.plantsync.odoo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * {@code load} of rows where one bad row must not stop the others: Odoo saves nothing when any row has an error, so
 * the rows its messages name are set aside (with the message) and the rest loaded again, once. Rows still refused
 * then, or refused without naming a row, are all set aside.
 */
public final class LoadAccepting {

    private LoadAccepting() {
    }

    /** The Odoo id of each loaded row, by its index in {@code rows}; {@code refused} gets every other row's index. */
    public static Map<Integer, Integer> load(OdooClient odoo, String model, List<String> fields,
            List<List<String>> rows, BiConsumer<Integer, String> refused) {
        Map<Integer, Integer> ids = new HashMap<>();
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            pending.add(i);
        }
        for (int attempt = 0; attempt < 2 && !pending.isEmpty(); attempt++) {
            List<List<String>> data = pending.stream().map(rows::get).toList();
            LoadResult result = odoo.load(model, fields, data, Map.of());
            if (result.saved()) {
                for (int i = 0; i < pending.size(); i++) {
                    ids.put(pending.get(i), result.ids().get(i));
                }
                return ids;
            }
            Set<Integer> named = new HashSet<>();
            for (Map<String, Object> message : result.messages()) {
                if (message.get("record") instanceof Number n && n.intValue() < pending.size()
                        && named.add(n.intValue())) {
                    refused.accept(pending.get(n.intValue()), String.valueOf(message.get("message")));
                }
            }
            if (named.isEmpty()) {
                pending.forEach(i -> refused.accept(i, result.messages().toString()));
                return ids;
            }
            List<Integer> rest = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                if (!named.contains(i)) {
                    rest.add(pending.get(i));
                }
            }
            pending = rest;
        }
        pending.forEach(i -> refused.accept(i, "refused by Odoo together with other rows twice"));
        return ids;
    }
}
