package dev.plantsync.production;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders a release file from its staged lines alone (layouts in {@code jobs/production-files.md}): nothing read at
 * render time but those rows and the layout the file was first rendered in, no clock, so rendering again after a
 * crash gives the same bytes, across an upgrade too.
 */
final class ReleaseFileWriter {

    /**
     * The layout new files are rendered in: 2 has {@code backorder_of}, 1 (files staged before it) had not. A file
     * keeps the layout it was staged with (production_release_file.layout).
     */
    static final int LAYOUT = 2;
    /** The CSV columns, in order; {@code backorder_of} came last, so the columns before it kept their places. */
    static final List<String> CSV_COLUMNS = List.of("record", "mo", "mo_id", "version", "change", "changes", "item",
            "quantity", "unit", "tracking", "sequence", "work_centre", "expected_minutes", "planned_start", "deadline",
            "origin", "backorder_of");
    /** Layout 1's columns: all but {@code backorder_of}. */
    private static final List<String> CSV_COLUMNS_1 = CSV_COLUMNS.subList(0, CSV_COLUMNS.size() - 1);
    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ReleaseFileWriter() {
    }

    static byte[] render(ReleaseStaging.ReleaseFile file, List<ReleaseStaging.Line> lines) {
        return switch (file.format()) {
            case "csv" -> csv(lines, file.layout() >= 2 ? CSV_COLUMNS : CSV_COLUMNS_1);
            case "json" -> json(file, lines);
            default -> throw new IllegalArgumentException("release file format '" + file.format() + "'");
        };
    }

    private static byte[] csv(List<ReleaseStaging.Line> lines, List<String> columns) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSV)) {
            printer.printRecord(columns);
            for (ReleaseStaging.Line line : lines) {
                ReleaseContent c = ReleaseContent.fromJson(line.content());
                if (ReleaseDecision.CANCELLED.equals(line.change())) {
                    printer.printRecord(row(columns, line, "ORDER", line.change(), ""));
                    continue;
                }
                printer.printRecord(row(columns, line, "ORDER", line.change(), line.changes(), c.product(),
                        c.quantity(), c.unit(), c.finishedLot(), "", "", "", c.plannedStart(), c.deadline(), c.origin(),
                        c.backorderOf()));
                for (ReleaseContent.Component component : c.components()) {
                    printer.printRecord(row(columns, line, "COMPONENT", "", "", component.product(),
                            component.quantity(), component.unit(), component.tracking()));
                }
                for (ReleaseContent.Operation op : c.operations()) {
                    printer.printRecord(row(columns, line, "OPERATION", "", "", op.name(), "", "", "",
                            String.valueOf(op.sequence()), op.workCentre(), op.expectedMinutes()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** record, mo, mo_id, version, then the given columns from change on; the rest empty; as many as the layout's. */
    private static List<String> row(List<String> columns, ReleaseStaging.Line line, String record,
            String... fromChange) {
        List<String> row = new ArrayList<>(Arrays.asList(record, line.moName(), String.valueOf(line.moId()),
                String.valueOf(line.version())));
        for (String value : fromChange) {
            row.add(value == null ? "" : value);
        }
        while (row.size() < columns.size()) {
            row.add("");
        }
        return row.subList(0, columns.size());
    }

    private static byte[] json(ReleaseStaging.ReleaseFile file, List<ReleaseStaging.Line> lines) {
        List<Map<String, Object>> orders = new ArrayList<>();
        for (ReleaseStaging.Line line : lines) {
            Map<String, Object> order = new LinkedHashMap<>();
            order.put("mo", line.moName());
            order.put("mo_id", line.moId());
            order.put("version", line.version());
            order.put("change", line.change());
            order.put("changes", line.changes() == null ? List.of() : List.of(line.changes().split(";")));
            if (!ReleaseDecision.CANCELLED.equals(line.change())) {
                ReleaseContent c = ReleaseContent.fromJson(line.content());
                order.put("item", c.product());
                order.put("quantity", c.quantity());
                order.put("unit", c.unit());
                order.put("tracking", c.finishedLot());
                order.put("planned_start", c.plannedStart());
                order.put("deadline", c.deadline());
                order.put("origin", c.origin());
                if (file.layout() >= 2) {
                    order.put("backorder_of", c.backorderOf());
                }
                List<Map<String, Object>> components = new ArrayList<>();
                for (ReleaseContent.Component component : c.components()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("item", component.product());
                    m.put("quantity", component.quantity());
                    m.put("unit", component.unit());
                    m.put("tracking", component.tracking());
                    components.add(m);
                }
                order.put("components", components);
                List<Map<String, Object>> operations = new ArrayList<>();
                for (ReleaseContent.Operation op : c.operations()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("sequence", op.sequence());
                    m.put("name", op.name());
                    m.put("work_centre", op.workCentre());
                    m.put("expected_minutes", op.expectedMinutes());
                    operations.add(m);
                }
                order.put("operations", operations);
            }
            orders.add(order);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("plant", file.plant());
        document.put("file", file.name());
        document.put("orders", orders);
        return (JSON.writeValueAsString(document) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
