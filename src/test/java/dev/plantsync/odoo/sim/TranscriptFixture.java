package dev.plantsync.odoo.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeds a simulator with the records the recorded transcripts talk about, with their recorded ids: products and
 * categories read in the recordings, the vendor behind their seller lines, the quants behind the recorded sums and
 * the empty bill of the UserError recording. Harvested from the JSON-RPC recordings of the same version, so the
 * seed follows the corpus when it is re-recorded.
 */
final class TranscriptFixture {

    private static final Pattern CODE_NAME = Pattern.compile("^\\[(.+?)] (.*)$");

    private TranscriptFixture() {
    }

    static OdooSimulator simulator(int version) {
        OdooSimulator sim = OdooSimulator.start(version);
        sim.users().acceptRecordedPlaceholders();
        List<Transcript> recordings = Transcript.load(version, "jsonrpc");
        Map<Integer, Map<String, Object>> products = new LinkedHashMap<>();
        Map<Integer, String> categories = new LinkedHashMap<>();
        Map<Integer, String> locations = new LinkedHashMap<>();
        Set<Integer> taxes = new LinkedHashSet<>();
        List<Object[]> quantGroups = new ArrayList<>();
        Set<Integer> createdByRecordings = new LinkedHashSet<>();
        for (Transcript t : recordings) {
            List<Object> a = args(t);
            Object r = ((Map<?, ?>) t.responseBody()).get("result");
            if (a.size() > 4 && (a.get(4).equals("create") || a.get(4).equals("load"))) {
                Object ids = r instanceof Map<?, ?> m ? m.get("ids") : r;
                if (ids instanceof Number n) {
                    createdByRecordings.add(n.intValue());
                } else if (ids instanceof List<?> l) {
                    l.forEach(x -> createdByRecordings.add(((Number) x).intValue()));
                }
            }
        }
        for (Transcript t : recordings) {
            List<Object> args = args(t);
            if (args.size() < 5) {
                continue;
            }
            String model = (String) args.get(3);
            String method = (String) args.get(4);
            Object result = ((Map<?, ?>) t.responseBody()).get("result");
            if (model.equals("product.product") && result instanceof List<?> rows && (method.equals("read")
                    || method.equals("search_read"))) {
                for (Object row : rows) {
                    Map<?, ?> r = (Map<?, ?>) row;
                    if (createdByRecordings.contains(((Number) r.get("id")).intValue())) {
                        continue; // made by a recorded create: the replay makes it again
                    }
                    Map<String, Object> p = products.computeIfAbsent(((Number) r.get("id")).intValue(), k -> new LinkedHashMap<>());
                    for (String f : List.of("name", "default_code", "list_price", "standard_price", "barcode", "active")) {
                        if (r.containsKey(f) && !(f.equals("barcode") && Boolean.FALSE.equals(r.get(f)))) {
                            p.put(f, r.get(f));
                        }
                    }
                    if (r.get("categ_id") instanceof List<?> c) {
                        p.put("categ_id", ((Number) c.get(0)).intValue());
                        categories.put(((Number) c.get(0)).intValue(), (String) c.get(1));
                    }
                    if (r.get("seller_ids") instanceof List<?> s && !s.isEmpty()) {
                        p.put("seller_ids", s);
                    }
                    if (r.get("supplier_taxes_id") instanceof List<?> tx) {
                        p.put("supplier_taxes_id", tx);
                        tx.forEach(x -> taxes.add(((Number) x).intValue()));
                    }
                }
            }
            if (model.equals("product.product") && method.equals("name_search") && result instanceof List<?> pairs) {
                for (Object pair : pairs) {
                    List<?> p = (List<?>) pair;
                    products.computeIfAbsent(((Number) p.get(0)).intValue(), k -> fromDisplay((String) p.get(1)));
                }
            }
            if (model.equals("stock.quant") && method.equals("read_group") && result instanceof List<?> groups
                    && groups.stream().anyMatch(g -> ((Map<?, ?>) g).containsKey("__count"))) {
                for (Object g : groups) {
                    Map<?, ?> row = (Map<?, ?>) g;
                    List<?> product = (List<?>) row.get("product_id");
                    List<?> location = (List<?>) row.get("location_id");
                    products.computeIfAbsent(((Number) product.get(0)).intValue(), k -> fromDisplay((String) product.get(1)));
                    locations.put(((Number) location.get(0)).intValue(), (String) location.get(1));
                    quantGroups.add(new Object[] {product.get(0), location.get(0), row.get("__count"), row.get("quantity")});
                }
            }
            if (t.number().equals("52") && args.get(1) instanceof Number limitedUid) {
                sim.users().renumberLimited(limitedUid.intValue());
            }
        }
        seedCategories(sim, categories, version);
        Integer leaf = categories.keySet().stream().findFirst().orElse(null);
        products.values().forEach(p -> {
            if (!p.containsKey("categ_id") && leaf != null && String.valueOf(p.get("default_code")).startsWith("PS-A")) {
                p.put("categ_id", leaf); // found by a child_of search in the recordings, category never read
            }
        });
        seedLocations(sim, locations);
        for (int tax : taxes) {
            sim.nextId("account.tax", tax);
            sim.create("account.tax", Map.of("name", "Tax " + tax, "amount", 15.0));
        }
        int vendor = sim.create("res.partner", Map.of("name", "Wood Corner", "is_company", true));
        for (Map.Entry<Integer, Map<String, Object>> e : products.entrySet()) {
            Map<String, Object> values = new LinkedHashMap<>(e.getValue());
            List<?> sellers = (List<?>) values.remove("seller_ids");
            values.putIfAbsent("name", "Recorded product " + e.getKey()); // only its code was ever read
            sim.nextId("product.product", e.getKey());
            int id = sim.create("product.product", values);
            if (sellers != null) {
                int template = ((Number) ((List<?>) sim.searchRead("product.product", List.of(List.of("id", "=", id)),
                        List.of("product_tmpl_id")).get(0).get("product_tmpl_id")).get(0)).intValue();
                for (Object seller : sellers) {
                    sim.nextId("product.supplierinfo", ((Number) seller).intValue());
                    sim.create("product.supplierinfo", Map.of("partner_id", vendor, "product_tmpl_id", template,
                            "price", 1.0));
                }
            }
        }
        for (Object[] g : quantGroups) {
            int count = ((Number) g[2]).intValue();
            double total = ((Number) g[3]).doubleValue();
            for (int i = 0; i < count; i++) {
                double quantity = i == count - 1 ? total - (count - 1) : 1.0;
                sim.create("stock.quant", Map.of("product_id", g[0], "location_id", g[1], "quantity", quantity));
            }
        }
        return sim;
    }

    private static Map<String, Object> fromDisplay(String display) {
        Map<String, Object> p = new LinkedHashMap<>();
        Matcher m = CODE_NAME.matcher(display);
        if (m.matches()) {
            p.put("default_code", m.group(1));
            p.put("name", m.group(2));
        } else {
            p.put("name", display);
        }
        return p;
    }

    /** "PlantSync / Raw" (19) or "All / PlantSync / Raw" (18): the parents are created first, the ids as recorded. */
    private static void seedCategories(OdooSimulator sim, Map<Integer, String> categories, int version) {
        // The parent of the recorded leaves is the category searched with child_of in the recordings.
        Integer parent = recordedChildOfRoot(version);
        for (Map.Entry<Integer, String> e : categories.entrySet()) {
            String[] path = e.getValue().split(" / ");
            if (parent != null && sim.searchRead("product.category", List.of(List.of("id", "=", parent)), List.of("name"))
                    .isEmpty()) {
                sim.nextId("product.category", parent);
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("name", path[path.length - 2]);
                if (path.length > 2) {
                    values.put("parent_id", 1); // "All"
                }
                sim.create("product.category", values);
            }
            sim.nextId("product.category", e.getKey());
            sim.create("product.category", Map.of("name", path[path.length - 1], "parent_id", parent));
        }
    }

    private static Integer recordedChildOfRoot(int version) {
        for (Transcript t : Transcript.load(version, "jsonrpc")) {
            Matcher m = Pattern.compile("child_of, (\\d+)").matcher(String.valueOf(t.requestBody()));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return null;
    }

    /** "WH/Stock", "WH/Stock/Shelf 1": the sim's WH/Stock gets the recorded id, shelves hang below it. */
    private static void seedLocations(OdooSimulator sim, Map<Integer, String> locations) {
        Map<String, Integer> byName = new LinkedHashMap<>();
        locations.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> {
            String[] path = e.getValue().split("/");
            Integer parent = path.length > 2 ? byName.get(String.join("/", java.util.Arrays.copyOf(path, path.length - 1)))
                    : 4; // WH
            List<Map<String, Object>> same = sim.searchRead("stock.location", List.of(List.of("id", "=", e.getKey())),
                    List.of("display_name"));
            if (!same.isEmpty()) {
                byName.put(e.getValue(), e.getKey());
                return;
            }
            sim.searchRead("stock.location", List.of(List.of("location_id", "=", parent)), List.of("display_name"))
                    .stream().filter(l -> e.getValue().equals(l.get("display_name")))
                    .forEach(l -> sim.unlink("stock.location", ((Number) l.get("id")).intValue()));
            sim.nextId("stock.location", e.getKey());
            int id = sim.create("stock.location", Map.of("name", path[path.length - 1], "usage", "internal",
                    "location_id", parent));
            byName.put(e.getValue(), id);
        });
    }

    /** Records a recording presupposes: the empty bill it posts, the API key state it shows. */
    static void prepare(OdooSimulator sim, Transcript t) {
        Matcher bill = Pattern.compile("account\\.move (\\d+)").matcher(t.note());
        if (bill.find() && sim.searchRead("account.move", List.of(List.of("id", "=", Integer.parseInt(bill.group(1)))),
                List.of("id")).isEmpty()) {
            int vendor = ((Number) sim.searchRead("res.partner", List.of(List.of("name", "=", "Wood Corner")),
                    List.of("id")).get(0).get("id")).intValue();
            sim.nextId("account.move", Integer.parseInt(bill.group(1)));
            sim.create("account.move", Map.of("move_type", "in_invoice", "partner_id", vendor));
        }
        if (t.transport().equals("json2")) {
            // One placeholder, <API_KEY>, stands for three keys in the JSON-2 recordings: say whose it is now.
            boolean limited = t.note().contains("without purchase rights") || t.note().contains("works before expiry")
                    || t.file().contains("key-after-expiry");
            sim.users().assignKey("<API_KEY>", limited ? limitedUid(sim) : 2);
            if (t.file().contains("key-after-expiry")) {
                sim.users().expireKey("<API_KEY>", java.time.Instant.now());
            }
        }
    }

    private static int limitedUid(OdooSimulator sim) {
        return sim.users().keyUid(SimUsers.LIMITED_API_KEY);
    }

    @SuppressWarnings("unchecked")
    static List<Object> args(Transcript t) {
        if (!(t.requestBody() instanceof Map<?, ?> body) || !(body.get("params") instanceof Map<?, ?> params)) {
            return List.of();
        }
        return (List<Object>) ((Map<String, Object>) params).getOrDefault("args", List.of());
    }
}
