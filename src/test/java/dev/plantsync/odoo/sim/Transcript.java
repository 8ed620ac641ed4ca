package dev.plantsync.odoo.sim;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import tools.jackson.databind.json.JsonMapper;

/** One recorded request/response pair of a real Odoo ({@code odoo-corpus/transcripts/<version>/<transport>/NN-name.json}). */
record Transcript(int version, String transport, String file, String note, Map<String, Object> request,
        Map<String, Object> response) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static List<Transcript> load(int version, String transport) {
        try {
            Path dir = Path.of(Transcript.class.getResource("/odoo-corpus/transcripts/" + version + "/" + transport).toURI());
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(p -> p.toString().endsWith(".json")).sorted().map(p -> read(version, transport, p))
                        .toList();
            }
        } catch (IOException | URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no recorded transcripts for Odoo " + version + " " + transport, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Transcript read(int version, String transport, Path p) {
        Map<String, Object> t = JSON.readValue(p.toFile(), Map.class);
        return new Transcript(version, transport, p.getFileName().toString(), (String) t.get("note"),
                (Map<String, Object>) t.get("request"), (Map<String, Object>) t.get("response"));
    }

    String number() {
        return file.substring(0, 2);
    }

    String path() {
        return (String) request.get("path");
    }

    Object requestBody() {
        return request.get("body");
    }

    int status() {
        return ((Number) response.get("status")).intValue();
    }

    Object responseBody() {
        return response.get("body");
    }

    @SuppressWarnings("unchecked")
    Map<String, String> headers() {
        return (Map<String, String>) request.getOrDefault("headers", Map.of());
    }

    @Override
    public String toString() {
        return version + "/" + transport + "/" + file;
    }
}
