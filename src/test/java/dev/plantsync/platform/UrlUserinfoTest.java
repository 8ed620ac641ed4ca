package dev.plantsync.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

class UrlUserinfoTest {

    @Test
    void masksUserAndPasswordInUrlsAnywhereInText() {
        assertThat(UrlUserinfo.mask(URI.create("https://svc:p%40ss@odoo.example:8069/odoo")))
                .isEqualTo("https://***@odoo.example:8069/odoo");
        assertThat(UrlUserinfo.mask("Connect to https://admin:secret@erp:443 failed; see http://u@other/x"))
                .isEqualTo("Connect to https://***@erp:443 failed; see http://***@other/x");
    }

    @Test
    void leavesMailAddressesAndPlainUrlsAlone() {
        assertThat(UrlUserinfo.mask("https://erp.example/odoo?login=a@b.example")).isEqualTo(
                "https://erp.example/odoo?login=a@b.example");
        assertThat(UrlUserinfo.mask("ask ops@plant.example")).isEqualTo("ask ops@plant.example");
        assertThat(UrlUserinfo.mask((String) null)).isNull();
    }
}
