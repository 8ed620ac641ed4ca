package dev.plantsync.odoo.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The manufacturing wizards (transient models) and the window actions button_mark_done answers with, as flow 08
 * recorded them: {@code mrp.production.backorder} (action_backorder, action_close_mo), {@code mrp.consumption.warning}
 * (action_confirm) and {@code change.production.qty} (change_prod_qty). Action ids are the recorded databases' own
 * (18: 400 backorder, 401 consumption warning, 402 batch produce; 19: 402 and 403): clients must key on res_model and
 * xml_id, never on them.
 */
final class SimMrpWizards {

    private final SimOrm orm;
    private final SimManufacturing mrp;

    SimMrpWizards(SimOrm orm, SimManufacturing mrp) {
        this.orm = orm;
        this.mrp = mrp;
    }

    Object call(String key, List<Integer> ids, Map<String, Object> context, int uid) {
        return switch (key) {
            case "mrp.production.backorder.action_backorder" -> backorder(ids, true, context, uid);
            case "mrp.production.backorder.action_close_mo" -> backorder(ids, false, context, uid);
            case "mrp.consumption.warning.action_confirm" -> acceptConsumption(ids, context, uid);
            case "change.production.qty.change_prod_qty" -> {
                for (Integer id : ids) {
                    Map<String, Object> wizard = orm.get("change.production.qty", id);
                    Map<String, Object> mo = orm.get("mrp.production", (Integer) wizard.get("mo_id"));
                    mrp.changeQuantity(mo, SimStock.qty(wizard.get("product_qty")), uid);
                }
                yield new LinkedHashMap<>(); // {} on both versions
            }
            default -> SimManufacturing.UNSUPPORTED;
        };
    }

    /**
     * The MOs of the wizard whose line says to_backorder (all of them for action_backorder without lines) are split,
     * the others closed with what was produced. Answers the action that opens the (last) backorder.
     */
    private Object backorder(List<Integer> ids, boolean withBackorders, Map<String, Object> context, int uid) {
        Integer opened = null;
        for (Integer id : ids) {
            Map<String, Object> wizard = orm.get("mrp.production.backorder", id);
            List<Map<String, Object>> lines = orm.table("mrp.production.backorder.line").values().stream()
                    .filter(l -> Objects.equals(l.get("mrp_production_backorder_id"), id)).toList();
            List<Integer> productions = new ArrayList<>();
            if (wizard.get("mrp_production_ids") instanceof List<?> l) {
                l.forEach(x -> productions.add(((Number) x).intValue()));
            }
            lines.forEach(l -> {
                if (!productions.contains((Integer) l.get("mrp_production_id"))) {
                    productions.add((Integer) l.get("mrp_production_id"));
                }
            });
            for (Integer production : productions) {
                Map<String, Object> mo = orm.get("mrp.production", production);
                boolean split = withBackorders && (lines.isEmpty() || lines.stream().anyMatch(l ->
                        Objects.equals(l.get("mrp_production_id"), production) && Boolean.TRUE.equals(l.get("to_backorder"))));
                if (split) {
                    opened = mrp.backorder(mo, uid);
                } else {
                    mrp.done(mo, uid);
                }
            }
        }
        if (opened == null) {
            return true;
        }
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("res_model", "mrp.production");
        action.put("type", "ir.actions.act_window");
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("skip_backorder", false);
        ctx.put("mo_ids_to_backorder", null);
        action.put("context", ctx);
        action.put("views", List.of(List.of(false, "form")));
        action.put("view_mode", "form");
        action.put("res_id", opened);
        return action;
    }

    /** action_confirm: mark done again without the consumption check (Odoo's skip_consumption). */
    private Object acceptConsumption(List<Integer> ids, Map<String, Object> context, int uid) {
        Object answer = true;
        for (Integer id : ids) {
            Map<String, Object> wizard = orm.get("mrp.consumption.warning", id);
            List<Integer> productions = new ArrayList<>();
            if (wizard.get("mrp_production_ids") instanceof List<?> l) {
                l.forEach(x -> productions.add(((Number) x).intValue()));
            }
            Map<String, Object> ctx = new LinkedHashMap<>(context);
            ctx.put("skip_consumption", true);
            answer = mrp.call("mrp.production", "button_mark_done", productions, ctx, uid);
        }
        return answer;
    }

    // ---- the actions button_mark_done answers ------------------------------------------------------------------

    Map<String, Object> backorderAction(List<Integer> productions) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("always_backorder_mo_ids", List.of());
        context.put("default_mrp_production_ids", productions);
        List<Object> lines = new ArrayList<>();
        for (Integer mo : productions) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("mrp_production_id", mo);
            line.put("to_backorder", true);
            lines.add(List.of(0, 0, line));
        }
        context.put("default_mrp_production_backorder_line_ids", lines);
        String name = orm.version >= 19 ? "You produced less than the initial demand" : "You produced less than initial demand";
        return window(orm.version >= 19 ? 402 : 400, name, "mrp.action_mrp_production_backorder",
                "mrp.production.backorder", false, context);
    }

    Map<String, Object> consumptionWarningAction(List<Integer> productions, List<Map<String, Object>> issues) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("default_mrp_production_ids", productions);
        List<Object> lines = new ArrayList<>();
        for (Map<String, Object> issue : issues) {
            lines.add(List.of(0, 0, issue));
        }
        context.put("default_mrp_consumption_warning_line_ids", lines);
        context.put("form_view_ref", false);
        return window(orm.version >= 19 ? 403 : 401, "Consumption Warning", "mrp.action_mrp_consumption_warning",
                "mrp.consumption.warning", false, context);
    }

    /** Odoo 18's answer to button_mark_done on a draft MO. */
    Map<String, Object> batchProduceAction(int production) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("default_production_id", production);
        return window(402, "Batch Production", "mrp.action_mrp_batch_produce", "mrp.batch.produce",
                List.of(1059, "view_mrp_batch_produce_form"), context);
    }

    /** An ir.actions.act_window as each version serialises it (19 adds display_name first, group_ids and cache). */
    private Map<String, Object> window(int id, String name, String xmlId, String model, Object view,
            Map<String, Object> context) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("id", id);
        if (orm.version >= 19) {
            a.put("display_name", name);
        }
        a.put("name", name);
        a.put("type", "ir.actions.act_window");
        a.put("xml_id", xmlId);
        a.put("path", false);
        a.put("help", false);
        a.put("binding_model_id", false);
        a.put("binding_type", "action");
        a.put("binding_view_types", "list,form");
        if (orm.version < 19) {
            a.put("display_name", name);
        }
        a.put("view_id", view);
        a.put("domain", false);
        a.put("context", context);
        a.put("res_id", 0);
        a.put("res_model", model);
        a.put("target", "new");
        a.put("view_mode", "form");
        a.put("mobile_view_mode", "kanban");
        a.put("views", List.of(List.of(view instanceof List<?> v ? v.get(0) : false, "form")));
        a.put("limit", 80);
        a.put(orm.version >= 19 ? "group_ids" : "groups_id", List.of());
        a.put("search_view_id", false);
        a.put("embedded_action_ids", List.of());
        a.put("filter", false);
        if (orm.version >= 19) {
            a.put("cache", true);
        }
        return a;
    }
}
