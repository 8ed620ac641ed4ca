package dev.plantsync.production;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An MES acknowledgement file ({@code jobs/production-files.md}): per released order version, ACCEPTED or REJECTED
 * with a reason. Read whole; a line that cannot be understood is an error with its place, the others stand. A file
 * that is not an acknowledgement at all (columns missing, not JSON) is refused as a whole.
 */
final class MesAckFile {

    static final List<String> CSV_COLUMNS = List.of("mo", "version", "status", "reason");
    static final Set<String> STATUSES = Set.of("ACCEPTED", "REJECTED");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One acknowledgement and where it stands in the file ("line 3", "acks[2]"). */
    record Ack(String location, String mo, int version, String status, String reason) {
    }

    /** A line that could not be read, with where and why. */
    record Problem(String location, String key, String reason) {
    }

    record Parsed(List<Ack> acks, List<Problem> problems) {
    }

    /** Thrown for a file that is not an acknowledgement file: it is quarantined with this reason. */
    static final class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason);
        }
    }

    private MesAckFile() {
    }

    static Parsed parse(Path file, String name) {
        try {
            return name.toLowerCase(Locale.ROOT).endsWith(".json") ? json(file) : csv(file);
        } catch (IOException e) {
            throw new Refused("cannot be read: " + e.getMessage());
        }
    }

    private static Parsed csv(Path file) throws IOException {
        List<Ack> acks = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser csv = CSVParser.builder().setReader(in).setFormat(format).get()) {
            List<String> missing = CSV_COLUMNS.subList(0, 3).stream()
                    .filter(c -> !csv.getHeaderMap().containsKey(c)).toList();
            if (!missing.isEmpty()) {
                throw new Refused("line 1: columns " + missing + " missing (header " + csv.getHeaderNames()
                        + "; expected " + CSV_COLUMNS + ")");
            }
            for (CSVRecord record : csv) {
                String location = "line " + (record.getRecordNumber() + 1);
                ack(location, record.get("mo"), record.get("version"), record.get("status"),
                        record.isMapped("reason") && record.isSet("reason") ? record.get("reason") : null, acks,
                        problems);
            }
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new Refused("not a CSV acknowledgement file: " + e.getMessage());
        }
        return new Parsed(acks, problems);
    }

    private static Parsed json(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JacksonException e) {
            throw new Refused("not JSON: " + e.getOriginalMessage());
        }
        JsonNode list = root.path("acks");
        if (!list.isArray()) {
            throw new Refused("no \"acks\" array at the top level");
        }
        List<Ack> acks = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode a = list.get(i);
            ack("acks[" + i + "]", text(a, "mo"), text(a, "version"), text(a, "status"), text(a, "reason"), acks,
                    problems);
        }
        return new Parsed(acks, problems);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }

    private static void ack(String location, String mo, String version, String status, String reason, List<Ack> acks,
            List<Problem> problems) {
        if (mo == null || mo.isBlank()) {
            problems.add(new Problem(location, null, "field mo: missing"));
            return;
        }
        int v;
        try {
            v = Integer.parseInt(version == null ? "" : version.strip());
        } catch (NumberFormatException e) {
            problems.add(new Problem(location, mo, "field version: '" + version + "' is not a whole number"));
            return;
        }
        String s = status == null ? "" : status.strip().toUpperCase(Locale.ROOT);
        if (!STATUSES.contains(s)) {
            problems.add(new Problem(location, mo, "field status: '" + status + "' is not one of " + STATUSES));
            return;
        }
        acks.add(new Ack(location, mo.strip(), v, s, reason == null || reason.isBlank() ? null : reason.strip()));
    }
}
