package dev.plantsync.sftp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The partners of {@code jobs/partners.yml}, by id. */
public final class PartnerRegistry {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final Map<String, Partner> partners;

    public PartnerRegistry(List<Partner> partners) {
        Map<String, Partner> byId = new LinkedHashMap<>();
        partners.forEach(p -> byId.put(p.id(), p));
        this.partners = byId;
    }

    /** The file's partners; an empty registry when it does not exist. */
    public static PartnerRegistry load(Path file) {
        if (!Files.exists(file)) {
            return new PartnerRegistry(List.of());
        }
        record File(List<Partner> partners) {
        }
        try {
            File f = YAML.readValue(file.toFile(), File.class);
            return new PartnerRegistry(f.partners() == null ? List.of() : f.partners());
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot read the partner registry " + file + ": "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    public Optional<Partner> find(String id) {
        return Optional.ofNullable(partners.get(id));
    }

    public Partner require(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown partner '" + id + "'; partners: "
                + String.join(", ", partners.keySet())));
    }

    public List<Partner> all() {
        return List.copyOf(partners.values());
    }

    /** The partner whose EDI identifiers include this sender id. */
    public Optional<Partner> byEdiId(String senderId) {
        return partners.values().stream().filter(p -> p.ediIds().contains(senderId)).findFirst();
    }
}
