package dev.plantsync.odoo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.plantsync.odoo.sim.OdooSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reading everything that matches: keyset pages of 2,000, fetched only as the consumer gets to them. */
class OdooPagingTest {

    private static final int RECORDS = 50_000;
    private static OdooSimulator sim;

    @BeforeAll
    static void seed() {
        sim = OdooSimulator.start(19);
        List<Map<String, Object>> partners = new ArrayList<>(RECORDS);
        for (int i = 1; i <= RECORDS; i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", "Vendor " + i);
            p.put("ref", "V" + i);
            partners.add(p);
        }
        sim.create("res.partner", partners);
        sim.create("res.partner", Map.of("name", "Not a vendor"));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void readsFiftyThousandRecordsInTwentySixCallsAtMostOnePageAhead() {
        OdooClient odoo = new OdooTarget(19, OdooTransport.Transport.JSON2).connect(sim);
        sim.resetCalls();
        Domain vendors = Domain.like("ref", "V%");

        try (Stream<OdooRecord> all = odoo.searchReadAll("res.partner", vendors, List.of("name", "ref"), Map.of())) {
            Iterator<OdooRecord> it = all.iterator();
            int seen = 0;
            int previousId = 0;
            boolean ascending = true;
            while (it.hasNext()) {
                OdooRecord r = it.next();
                ascending &= r.id() > previousId;
                previousId = r.id();
                seen++;
                // the next page is read while this one is consumed (PagedRead): never more than one page ahead
                if (seen == 100) {
                    assertThat(sim.calls("res.partner", "search_read")).as("first page and at most the next")
                            .isBetween(1, 2);
                }
                if (seen == 4_001) {
                    assertThat(sim.calls("res.partner", "search_read")).as("third page, at most the fourth ahead")
                            .isBetween(3, 4);
                }
            }
            assertThat(seen).isEqualTo(RECORDS);
            assertThat(ascending).isTrue();
        }
        // 25 full pages, then one empty answer that says there is no more.
        assertThat(sim.calls("res.partner", "search_read")).isBetween(25, 26);
        assertThat(sim.totalCalls()).isEqualTo(sim.calls("res.partner", "search_read"));
    }

    @Test
    void pageSizeIsConfigurable() {
        OdooClient odoo = OdooConnector.connect(new OdooTarget(19, OdooTransport.Transport.JSONRPC).settings(sim)
                .withPageSize(10_000), dev.plantsync.odoo.sim.SimUsers.ADMIN_API_KEY,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        sim.resetCalls();

        long count;
        try (Stream<OdooRecord> all = odoo.searchReadAll("res.partner", Domain.like("ref", "V%"), List.of("ref"),
                Map.of())) {
            count = all.count();
        }

        assertThat(count).isEqualTo(RECORDS);
        assertThat(sim.calls("res.partner", "search_read")).isEqualTo(6);
    }
}
