package dev.plantsync.production;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an MES completion file, CSV or JSON (jobs/production-completions.md), into {@link MesEvent}s. A bad event is
 * a located error (line, field, why) and the others are still read; only a file that cannot be read at all (no
 * header, not JSON) is a file error.
 */
final class CompletionFileReader {

    static final List<String> COLUMNS = List.of("event_id", "mo", "event_type", "final", "quantity", "unit", "product",
            "lot", "time", "work_centre", "operator", "reason");
    private static final Set<String> REQUIRED = Set.of("event_id", "mo", "event_type", "time");
    private static final int MAX_TEXT = 100;

    /** One bad event: where (CSV line or JSON event position), its event id when readable, and why. */
    record LineError(int line, String eventId, String reason) {
    }

    /** What a file held: its good events in file order, its bad ones, or why it could not be read at all. */
    record Result(List<MesEvent> events, List<LineError> errors, String fileError) {
    }

    private CompletionFileReader() {
    }

    /** Reads {@code name} (.json: JSON, anything else: CSV). */
    static Result read(String name, InputStream in) throws IOException {
        return name.toLowerCase(Locale.ROOT).endsWith(".json") ? json(in) : csv(in);
    }

    static Result csv(InputStream in) throws IOException {
        List<MesEvent> events = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        Reader reader = new java.io.BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        reader.mark(1);
        if (reader.read() != '\uFEFF') { // a byte order mark, as Windows tools write it, is not part of the header
            reader.reset();
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).setCommentMarker('#').get();
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            Set<String> header = new HashSet<>();
            parser.getHeaderNames().forEach(h -> header.add(h.trim().toLowerCase(Locale.ROOT)));
            List<String> missing = REQUIRED.stream().filter(c -> !header.contains(c)).sorted().toList();
            if (!missing.isEmpty()) {
                return new Result(List.of(), List.of(), "the header lacks column(s) " + missing + " (columns: "
                        + COLUMNS + ")");
            }
            for (CSVRecord record : parser) {
                Map<String, String> fields = new LinkedHashMap<>();
                record.toMap().forEach((k, v) -> fields.put(k.trim().toLowerCase(Locale.ROOT), v));
                event((int) parser.getCurrentLineNumber(), fields, events, errors);
            }
        } catch (java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            return new Result(events, errors, "not readable as CSV: " + e.getMessage());
        }
        return new Result(events, errors, null);
    }

    static Result json(InputStream in) throws IOException {
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(in);
        } catch (JacksonException e) {
            return new Result(List.of(), List.of(), "not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode list = root != null && root.isObject() ? root.get("events") : root;
        if (list == null || !list.isArray()) {
            return new Result(List.of(), List.of(), "expected {\"events\": [...]} or an array of events");
        }
        List<MesEvent> events = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        int position = 0;
        for (JsonNode node : list) {
            position++;
            if (!node.isObject()) {
                errors.add(new LineError(position, null, "event " + position + " is not an object"));
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                JsonNode v = e.getValue();
                fields.put(e.getKey().toLowerCase(Locale.ROOT), v == null || v.isNull() ? null
                        : v.isValueNode() ? v.asString() : v.toString());
            }
            event(position, fields, events, errors);
        }
        return new Result(events, errors, null);
    }

    /** One event from its fields by column name; adds it or its error. */
    static void event(int line, Map<String, String> f, List<MesEvent> events, List<LineError> errors) {
        String id = text(f.get("event_id"));
        List<String> problems = new ArrayList<>();
        String mo = text(f.get("mo"));
        if (id == null) {
            problems.add("event_id is missing");
        }
        if (mo == null) {
            problems.add("mo is missing");
        }
        for (String column : List.of("event_id", "mo", "unit", "product", "lot", "work_centre", "operator")) {
            String v = text(f.get(column));
            if (v != null && v.length() > MAX_TEXT) {
                problems.add(column + " is longer than " + MAX_TEXT + " characters");
            }
        }
        MesEvent.Type type = null;
        String typeText = text(f.get("event_type"));
        if (typeText == null) {
            problems.add("event_type is missing");
        } else {
            try {
                type = MesEvent.Type.valueOf(typeText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("event_type '" + typeText + "' is not one of PRODUCED, CONSUMED, SCRAPPED, CLOSED");
            }
        }
        Boolean fin = bool(f.get("final"));
        if (fin == null) {
            problems.add("final '" + f.get("final") + "' is not true/false (Y/N, 1/0)");
        }
        BigDecimal quantity = null;
        String q = text(f.get("quantity"));
        if (q != null) {
            try {
                quantity = new BigDecimal(q);
            } catch (NumberFormatException e) {
                problems.add("quantity '" + q + "' is not a number");
            }
        }
        Instant time = null;
        String t = text(f.get("time"));
        if (t == null) {
            problems.add("time is missing");
        } else {
            try {
                time = OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e) {
                problems.add("time '" + t + "' is not an ISO-8601 time with offset (2026-12-03T14:05:00+01:00)");
            }
        }
        String product = text(f.get("product"));
        String lot = text(f.get("lot"));
        if (type != null && type != MesEvent.Type.CLOSED) {
            if (quantity == null) {
                problems.add("quantity is missing");
            } else if (quantity.signum() <= 0) {
                // Odoo completes the whole order on a mark-done with nothing producing: never send one.
                problems.add("quantity " + q + " must be greater than 0");
            }
        }
        if (type == MesEvent.Type.PRODUCED && lot == null) {
            problems.add("lot (the finished lot) is missing");
        }
        if ((type == MesEvent.Type.CONSUMED || type == MesEvent.Type.SCRAPPED) && product == null) {
            problems.add("product (the MES code of what was " + type.name().toLowerCase(Locale.ROOT)
                    + ") is missing");
        }
        if (type == MesEvent.Type.CONSUMED && lot == null) {
            problems.add("lot (the component lot consumed) is missing");
        }
        if (!problems.isEmpty()) {
            errors.add(new LineError(line, id, String.join("; ", problems)));
            return;
        }
        events.add(new MesEvent(line, id, mo, type, fin, quantity, text(f.get("unit")), product, lot, time,
                text(f.get("work_centre")), text(f.get("operator")), text(f.get("reason"))));
    }

    private static String text(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static Boolean bool(String s) {
        if (s == null || s.isBlank()) {
            return false;
        }
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true", "y", "yes", "1" -> true;
            case "false", "n", "no", "0" -> false;
            default -> null;
        };
    }
}
