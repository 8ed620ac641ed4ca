package dev.plantsync.odoo.sim;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.json.JsonMapper;

/**
 * The field definitions of the simulated models, exactly as real Odoo 18 or 19 reported them with
 * {@code fields_get} (test resources {@code odoo-corpus/models/<version>/<model>.json}, copied from the shared corpus),
 * including whether Odoo can search ({@code searchable}: stored, or computed with a search method) and sort
 * ({@code sortable}: a stored column, or what Odoo can order by through it) on each field: what Odoo refuses in a
 * domain or an order.
 */
final class SimSchema {

    /** One field as fields_get describes it. */
    record Field(String name, String type, String string, boolean required, boolean readonly, String relation,
            List<List<Object>> selection, boolean store, boolean searchable, boolean sortable) {

        /** A field fields_get did not say searchable/sortable for: a stored column, as Odoo's own defaults. */
        Field(String name, String type, String string, boolean required, boolean readonly, String relation,
                List<List<Object>> selection, boolean store) {
            this(name, type, string, required, readonly, relation, selection, store, store,
                    store && !type.equals("one2many") && !type.equals("many2many"));
        }

        boolean relational() {
            return type.equals("many2one") || type.equals("one2many") || type.equals("many2many");
        }

        Map<String, Object> describe() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("string", string);
            d.put("type", type);
            d.put("required", required);
            d.put("readonly", readonly);
            d.put("store", store);
            d.put("searchable", searchable);
            d.put("sortable", sortable);
            if (relation != null) {
                d.put("relation", relation);
            }
            if (selection != null) {
                d.put("selection", selection);
            }
            return d;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, SimSchema> CACHE = new ConcurrentHashMap<>();

    final int version;
    private final Map<String, Map<String, Field>> models = new LinkedHashMap<>();
    private final Map<String, String> descriptions = new LinkedHashMap<>();
    /** Float fields' {@code digits} as real Odoo reported them ([total, scale]), by model and field. */
    private final Map<String, Map<String, List<Integer>>> digits = new LinkedHashMap<>();

    private SimSchema(int version) {
        this.version = version;
    }

    static SimSchema of(int version) {
        return CACHE.computeIfAbsent(version + "", v -> new SimSchema(version).load());
    }

    private SimSchema load() {
        for (String model : List.of("res.partner", "res.company", "res.currency", "product.template", "product.product",
                "product.category", "uom.uom", "uom.category", "product.supplierinfo", "stock.location", "stock.quant",
                "stock.lot", "stock.warehouse", "stock.move", "stock.picking", "stock.valuation.layer", "product.value",
                "mrp.bom", "mrp.bom.line", "mrp.routing.workcenter", "mrp.workcenter", "mrp.workcenter.capacity",
                "mrp.production", "purchase.order", "purchase.order.line", "account.move", "account.move.line", "account.account",
                "account.journal", "account.tax", "ir.model.data", "ir.attachment",
                // the models flow 08 uses (recorded with fields_get on real Odoo 18 and 19)
                "stock.move.line", "mrp.workorder", "stock.scrap", "stock.picking.type", "mrp.production.backorder",
                "mrp.production.backorder.line", "mrp.consumption.warning", "mrp.consumption.warning.line",
                "change.production.qty")) {
            String path = "/odoo-corpus/models/" + version + "/" + model + ".json";
            try (InputStream in = SimSchema.class.getResourceAsStream(path)) {
                if (in == null) {
                    continue; // not in this version (uom.category and stock.valuation.layer are 18 only, product.value 19)
                }
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Object>> fields = (Map<String, Map<String, Object>>) JSON.readValue(in, Map.class)
                        .get("fields");
                Map<String, Field> defs = new LinkedHashMap<>();
                fields.forEach((name, f) -> defs.put(name, field(name, f)));
                defs.putIfAbsent("id", new Field("id", "integer", "ID", false, true, null, null, true));
                models.put(model, defs);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + path, e);
            }
        }
        String digitsPath = "/odoo-corpus/models/" + version + "/float-digits.json";
        try (InputStream in = SimSchema.class.getResourceAsStream(digitsPath)) {
            if (in != null) {
                @SuppressWarnings("unchecked")
                Map<String, Map<String, List<Integer>>> recorded = (Map<String, Map<String, List<Integer>>>) JSON
                        .readValue(in, Map.class).get("digits");
                digits.putAll(recorded);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + digitsPath, e);
        }
        // Models the corpus did not record but the jobs touch; minimal fields.
        models.putIfAbsent("res.users", minimal("name", "char", "login", "char"));
        models.putIfAbsent("res.users.apikeys", minimal("name", "char", "user_id", "many2one:res.users",
                "scope", "char", "expiration_date", "datetime", "create_date", "datetime"));
        // Not in the corpus either; the master-data job's vendors refer to them (shapes as in Odoo's base module).
        models.putIfAbsent("res.country", minimal("name", "char", "code", "char"));
        models.putIfAbsent("account.payment.term", minimal("name", "char", "active", "boolean"));
        models.putIfAbsent("res.partner.bank", minimal("acc_number", "char", "partner_id", "many2one:res.partner",
                "active", "boolean"));
        descriptions.put("purchase.order", "Purchase Order");
        descriptions.put("product.template", "Product");
        descriptions.put("product.product", "Product Variant");
        return this;
    }

    @SuppressWarnings("unchecked")
    private static Field field(String name, Map<String, Object> f) {
        Field field = new Field(name, (String) f.get("type"), (String) f.get("string"),
                Boolean.TRUE.equals(f.get("required")), Boolean.TRUE.equals(f.get("readonly")), (String) f.get("relation"),
                (List<List<Object>>) f.get("selection"), !Boolean.FALSE.equals(f.get("store")));
        if (!f.containsKey("searchable") && !f.containsKey("sortable")) {
            return field;
        }
        return new Field(field.name(), field.type(), field.string(), field.required(), field.readonly(), field.relation(),
                field.selection(), field.store(), Boolean.TRUE.equals(f.get("searchable")),
                Boolean.TRUE.equals(f.get("sortable")));
    }

    private static Map<String, Field> minimal(String... nameType) {
        Map<String, Field> defs = new LinkedHashMap<>();
        defs.put("id", new Field("id", "integer", "ID", false, true, null, null, true));
        for (int i = 0; i < nameType.length; i += 2) {
            String[] t = nameType[i + 1].split(":");
            defs.put(nameType[i], new Field(nameType[i], t[0], nameType[i], false, false, t.length > 1 ? t[1] : null,
                    null, true));
        }
        // Not stored, searched through its name field, not sortable: as fields_get says on both versions.
        defs.put("display_name", new Field("display_name", "char", "Display Name", false, true, null, null, false, true,
                false));
        return defs;
    }

    boolean has(String model) {
        return models.containsKey(model);
    }

    Map<String, Field> fields(String model) {
        return Collections.unmodifiableMap(models.get(model));
    }

    Field field(String model, String name) {
        Map<String, Field> defs = models.get(model);
        return defs == null ? null : defs.get(name);
    }

    /** The field's {@code digits} as fields_get reports them ([total, scale]), or null (a plain double). */
    List<Integer> digits(String model, String field) {
        return digits.getOrDefault(model, Map.of()).get(field);
    }

    String description(String model) {
        return descriptions.getOrDefault(model, model);
    }
}
