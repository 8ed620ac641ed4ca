package dev.plantsync.odoo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Model-level operations on one Odoo, over whichever transport it was built with. Reads, {@code write},
 * {@code unlink} and {@code load} (all idempotent) are retried on transient failures; {@code create} and raw calls are
 * not: their callers check the effect through their business key before trying again (DESIGN.md section 2).
 */
public class OdooClient {

    private static final Logger log = LoggerFactory.getLogger(OdooClient.class);

    private final OdooTransport transport;
    private final RetryPolicy retry;
    private final OdooMetrics metrics;
    private final int pageSize;
    private final int majorVersion;

    OdooClient(OdooTransport transport, RetryPolicy retry, OdooMetrics metrics, int pageSize, int majorVersion) {
        this.transport = transport;
        this.retry = retry;
        this.metrics = metrics;
        this.pageSize = pageSize;
        this.majorVersion = majorVersion;
    }

    public OdooTransport.Transport transport() {
        return transport.kind();
    }

    /** Odoo's major version (18, 19, ...), read once from {@code common.version}. */
    public int majorVersion() {
        return majorVersion;
    }

    public int pageSize() {
        return pageSize;
    }

    public int authenticate() {
        return retry.run("authenticate", transport::authenticate);
    }

    public Map<String, Object> version() {
        return retry.run("version", transport::version);
    }

    public List<OdooRecord> searchRead(String model, Domain domain, List<String> fields, String order, Integer limit,
            Integer offset, Map<String, Object> context) {
        OdooCall call = searchReadCall(model, domain, fields, order, limit, offset, context);
        return records(call, idempotent(call));
    }

    private static OdooCall searchReadCall(String model, Domain domain, List<String> fields, String order,
            Integer limit, Integer offset, Map<String, Object> context) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("domain", domain.toList());
        params.put("fields", fields);
        if (order != null) {
            params.put("order", order);
        }
        if (limit != null) {
            params.put("limit", limit);
        }
        if (offset != null && offset > 0) {
            params.put("offset", offset);
        }
        return new OdooCall(model, "search_read", null, params, List.of("domain"), context);
    }

    public List<OdooRecord> searchRead(String model, Domain domain, List<String> fields) {
        return searchRead(model, domain, fields, null, null, null, Map.of());
    }

    public int searchCount(String model, Domain domain, Map<String, Object> context) {
        OdooCall call = new OdooCall(model, "search_count", null, Map.of("domain", domain.toList()), List.of("domain"),
                context);
        return ((Number) idempotent(call)).intValue();
    }

    public List<Integer> search(String model, Domain domain, String order, Integer limit, Map<String, Object> context) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("domain", domain.toList());
        if (order != null) {
            params.put("order", order);
        }
        if (limit != null) {
            params.put("limit", limit);
        }
        OdooCall call = new OdooCall(model, "search", null, params, List.of("domain"), context);
        return ids(idempotent(call));
    }

    /** {@code read}: ids that no longer exist are simply absent from the answer, as in Odoo. */
    public List<OdooRecord> read(String model, List<Integer> ids, List<String> fields, Map<String, Object> context) {
        OdooCall call = new OdooCall(model, "read", ids, Map.of("fields", fields), List.of(), context);
        return records(call, idempotent(call));
    }

    /**
     * Every record matching the domain, fetched in pages of {@link #pageSize()} ordered by id and continued with
     * {@code id > last}, so concurrent inserts never shift a page; the next page is read while the caller works through
     * the current one ({@link PagedRead}), so at most two pages are held.
     * Close the stream (try-with-resources) when leaving early.
     */
    public Stream<OdooRecord> searchReadAll(String model, Domain domain, List<String> fields,
            Map<String, Object> context) {
        List<String> withId = fields.contains("id") ? fields : concat(fields, "id");
        PagedRead<List<OdooRecord>> pages = new PagedRead<>(lastId -> searchRead(model, after(domain, lastId), withId,
                "id", pageSize, null, context), List::size, page -> page.get(page.size() - 1).id(), pageSize);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL),
                false).flatMap(List::stream).onClose(pages::close);
    }

    /**
     * The same read as {@link #searchReadAll}, handed over page by page as {@link RecordPage}s (columns in the order of
     * {@code fields}), for reads of a million records: no map, list or boxed number per record. Returns how many
     * records were read.
     */
    public long searchReadPages(String model, Domain domain, List<String> fields, Map<String, Object> context,
            Consumer<RecordPage> each) {
        List<String> withId = fields.contains("id") ? fields : concat(fields, "id");
        long records = 0;
        try (PagedRead<RecordPage> pages = new PagedRead<>(lastId -> {
            OdooCall call = searchReadCall(model, after(domain, lastId), withId, "id", pageSize, null, context);
            RecordPage page = retry.run(call.target(), () -> timed(call, () -> transport.searchReadPage(call, fields)));
            metrics.records(call, "returned", page.size());
            return page;
        }, RecordPage::size, RecordPage::lastId, pageSize)) {
            while (pages.hasNext()) {
                RecordPage page = pages.next();
                each.accept(page);
                records += page.size();
            }
        }
        return records;
    }

    /**
     * The domain cut into at most {@code parts} ranges of ids of about equal width (two calls: the lowest and the
     * highest id), so that one model can be read on several connections at once, each range with
     * {@link #searchReadPages}. The first range has no lower bound and the last no upper one: together they match
     * exactly what the domain does, records created meanwhile included. No range when nothing matches.
     */
    public List<Domain> idRanges(String model, Domain domain, Map<String, Object> context, int parts) {
        List<Integer> lowest = search(model, domain, "id", 1, context);
        if (lowest.isEmpty()) {
            return List.of();
        }
        long low = lowest.get(0);
        long width = search(model, domain, "id desc", 1, context).get(0) - low + 1;
        int count = (int) Math.max(1, Math.min(parts, width));
        List<Domain> ranges = new ArrayList<>(count);
        for (int part = 0; part < count; part++) {
            List<Domain> bounds = new ArrayList<>(List.of(domain));
            if (part > 0) {
                bounds.add(Domain.ge("id", low + width * part / count));
            }
            if (part < count - 1) {
                bounds.add(Domain.lt("id", low + width * (part + 1) / count));
            }
            ranges.add(Domain.and(bounds.toArray(Domain[]::new)));
        }
        return ranges;
    }

    private static Domain after(Domain domain, int lastId) {
        return Domain.and(domain, Domain.gt("id", lastId));
    }

    /** Creates all records in one call; ids come back in the order of {@code values}. Not retried (see class doc). */
    public List<Integer> create(String model, List<Map<String, Object>> values, Map<String, Object> context) {
        OdooCall call = new OdooCall(model, "create", null, Map.of("vals_list", values), List.of("vals_list"), context);
        metrics.records(call, "sent", values.size());
        return ids(once(call));
    }

    public boolean write(String model, List<Integer> ids, Map<String, Object> values, Map<String, Object> context) {
        OdooCall call = new OdooCall(model, "write", ids, Map.of("vals", values), List.of("vals"), context);
        metrics.records(call, "sent", ids.size());
        return Boolean.TRUE.equals(idempotent(call));
    }

    public boolean unlink(String model, List<Integer> ids, Map<String, Object> context) {
        OdooCall call = new OdooCall(model, "unlink", ids, Map.of(), List.of(), context);
        return Boolean.TRUE.equals(idempotent(call));
    }

    /** {@code load} with an {@code id} column of external ids: creates or updates, all rows or none. */
    @SuppressWarnings("unchecked")
    public LoadResult load(String model, List<String> fields, List<List<String>> rows, Map<String, Object> context) {
        OdooCall call = new OdooCall(model, "load", null, Map.of("fields", fields, "data", rows),
                List.of("fields", "data"), context);
        metrics.records(call, "sent", rows.size());
        Map<String, Object> answer = (Map<String, Object>) idempotent(call);
        Object ids = answer.get("ids");
        List<Map<String, Object>> messages = (List<Map<String, Object>>) answer.getOrDefault("messages", List.of());
        return new LoadResult(ids instanceof List<?> ? ids(ids) : null, messages);
    }

    /** {@code name_search}: Odoo 18 names the domain {@code args}, 19 {@code domain}. */
    public List<Many2one> nameSearch(String model, String name, Domain domain, Integer limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("name", name);
        params.put(majorVersion >= 19 ? "domain" : "args", domain.toList());
        if (limit != null) {
            params.put("limit", limit);
        }
        Object answer = idempotent(OdooCall.named(model, "name_search", null, params));
        List<Many2one> result = new ArrayList<>();
        for (Object pair : (List<?>) answer) {
            result.add(Many2one.from(pair));
        }
        return result;
    }

    /** Field definitions, e.g. to fail early and clearly when a field the job needs is missing in this version. */
    @SuppressWarnings("unchecked")
    public Map<String, Map<String, Object>> fieldsGet(String model, List<String> attributes) {
        return (Map<String, Map<String, Object>>) idempotent(OdooCall.named(model, "fields_get", null,
                Map.of("attributes", attributes)));
    }

    /** A read-only method (e.g. {@code read_group}), retried on transient failures. */
    public Object callReadOnly(OdooCall call) {
        return idempotent(call);
    }

    /** Any method, sent once: the caller decides whether and how to retry. */
    public Object call(OdooCall call) {
        return once(call);
    }

    private Object idempotent(OdooCall call) {
        return retry.run(call.target(), () -> once(call));
    }

    private Object once(OdooCall call) {
        return timed(call, () -> transport.execute(call));
    }

    private <T> T timed(OdooCall call, Supplier<T> work) {
        long start = System.nanoTime();
        try {
            T result = work.get();
            metrics.call(call, System.nanoTime() - start, "ok");
            if (log.isDebugEnabled()) {
                log.debug("odoo {} {} ids={} params={} -> {} in {} ms", transport.kind(), call.target(), call.ids(),
                        call.params().keySet(), result instanceof List<?> l ? l.size() + " items"
                                : result instanceof RecordPage p ? p.size() + " records" : "value",
                        (System.nanoTime() - start) / 1_000_000);
            }
            return result;
        } catch (OdooException e) {
            metrics.call(call, System.nanoTime() - start, e.getClass().getSimpleName());
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private List<OdooRecord> records(OdooCall call, Object answer) {
        List<Map<String, Object>> rows = (List<Map<String, Object>>) answer;
        metrics.records(call, "returned", rows.size());
        List<OdooRecord> records = new ArrayList<>(rows.size());
        rows.forEach(row -> records.add(new OdooRecord(row)));
        return records;
    }

    private static List<Integer> ids(Object answer) {
        if (answer instanceof Number n) {
            return List.of(n.intValue());
        }
        List<Integer> ids = new ArrayList<>();
        for (Object o : (List<?>) answer) {
            ids.add(((Number) o).intValue());
        }
        return ids;
    }

    private static List<String> concat(List<String> list, String extra) {
        List<String> all = new ArrayList<>(list);
        all.add(extra);
        return all;
    }
}
