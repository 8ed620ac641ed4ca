package dev.plantsync.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped partner registry reads, and a broken one says where. */
class PartnerRegistryTest {

    @TempDir
    Path temp;

    @Test
    void shippedRegistryReads() {
        PartnerRegistry registry = PartnerRegistry.load(Path.of("jobs", "partners.yml"));

        assertThat(registry.all()).extracting(Partner::id).containsExactly("acme", "baltic", "plm", "wms-main",
                "mes-plant-1");
        Partner acme = registry.require("acme");
        assertThat(acme.documentType("INV-2026-11.edi")).isEqualTo("invoice");
        assertThat(acme.documentType("readme.txt")).isNull();
        assertThat(acme.passwordEnv()).isNull();
        assertThat(registry.byEdiId("4012345000009")).map(Partner::id).contains("baltic");
        assertThat(registry.require("baltic").doneMarker()).isEqualTo(".done");
        assertThat(registry.require("baltic").processing()).isEqualTo("/processing");
        // the MES of plant 1: completions and acknowledgements come in, releases go out
        Partner mes = registry.require("mes-plant-1");
        assertThat(mes.documentType("completions-20261203-0800.csv")).isEqualTo("mes-completion");
        assertThat(mes.documentType("acks-20261203-0800.json")).isEqualTo("mes-ack");
        assertThat(mes.outbound()).isEqualTo("/to-mes");
    }

    @Test
    void unknownFieldsAreRefusedWithTheFileNamed() throws Exception {
        Path broken = Files.writeString(temp.resolve("partners.yml"), "partners:\n  - id: x\n    pasword: secret\n");

        assertThatThrownBy(() -> PartnerRegistry.load(broken)).hasMessageContaining("partners.yml")
                .hasMessageContaining("pasword");
    }
}
