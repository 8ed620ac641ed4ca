package dev.plantsync.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.plantsync.sftp.PartnerRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every shipped file under {@code jobs/} names only partners that {@code jobs/partners.yml} defines: a source or a
 * site pointing at a missing partner runs into "unknown partner" on the first night, not at review.
 */
class ShippedConfigurationTest {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    @Test
    void everyPartnerReferenceInTheShippedJobSettingsResolves() throws IOException {
        PartnerRegistry partners = PartnerRegistry.load(Path.of("jobs", "partners.yml"));
        List<String> unresolved = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("jobs"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml"))
                    .filter(f -> !f.getFileName().toString().equals("partners.yml")).sorted().toList()) {
                JsonNode root = YAML.readTree(file.toFile());
                collectPartnerReferences(root, file.getFileName() + ":", seen, unresolved, partners);
                JsonNode perPartner = root.path("plantsync").path("invoices").path("partners");
                for (Map.Entry<String, JsonNode> e : perPartner.properties()) {
                    seen.add(file.getFileName() + ":plantsync.invoices.partners." + e.getKey());
                    if (partners.find(e.getKey()).isEmpty()) {
                        unresolved.add(file.getFileName() + ": plantsync.invoices.partners." + e.getKey());
                    }
                }
            }
        }

        assertThat(seen).as("the test found the references it is about").hasSizeGreaterThanOrEqualTo(3);
        assertThat(unresolved).as("partner ids not in jobs/partners.yml").isEmpty();
    }

    @Test
    void theShippedPlantDropsHaveThePatternsTheirJobsPickUp() {
        PartnerRegistry partners = PartnerRegistry.load(Path.of("jobs", "partners.yml"));

        assertThat(partners.require("plm").patterns()).containsKeys("md-units", "md-categories", "md-products",
                "md-vendors", "md-vendor-prices", "md-boms", "md-locations");
        assertThat(partners.require("wms-main").patterns()).containsKey("stock-snapshot");
        // production-order-release reads the MES's acknowledgements of plant-1 (jobs/production.yml)
        assertThat(partners.require("mes-plant-1").patterns()).containsKey("mes-ack");
    }

    private static void collectPartnerReferences(JsonNode node, String path, List<String> seen, List<String> unresolved,
            PartnerRegistry partners) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getKey().equals("partner") && e.getValue().isString()) {
                    seen.add(path + "partner");
                    if (partners.find(e.getValue().asString()).isEmpty()) {
                        unresolved.add(path + " partner " + e.getValue().asString());
                    }
                } else {
                    collectPartnerReferences(e.getValue(), path + e.getKey() + ".", seen, unresolved, partners);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectPartnerReferences(node.get(i), path + "[" + i + "].", seen, unresolved, partners);
            }
        }
    }
}
