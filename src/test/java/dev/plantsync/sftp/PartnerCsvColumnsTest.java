package dev.plantsync.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 21.5: a partner's CSV column names are mapped to ours in jobs/partners.yml. */
class PartnerCsvColumnsTest {

    @Test
    void csvColumnsAreReadFromThePartnerRegistry(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("partners.yml"), """
                partners:
                  - id: wood
                    localDirectory: /srv/plantsync/wood
                    patterns: {invoice: ["*.csv"]}
                    ediIds: [WOOD]
                    csvColumns: {item_code: buyer_item, line_amount: amount}
                  - id: acme
                    localDirectory: /srv/plantsync/acme
                """);

        PartnerRegistry registry = PartnerRegistry.load(file);

        assertThat(registry.require("wood").csvColumns()).isEqualTo(Map.of("item_code", "buyer_item", "line_amount",
                "amount"));
        assertThat(registry.require("acme").csvColumns()).isEmpty();
    }
}
