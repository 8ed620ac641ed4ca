package dev.plantsync.invoices;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import dev.plantsync.odoo.sim.DemoCompany;
import dev.plantsync.odoo.sim.OdooSimulator;
import dev.plantsync.sftp.EmbeddedSftpServer;
import dev.plantsync.support.PlantSyncTest;
import dev.plantsync.support.SimulatedWorld;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The invoice job against Odoo 18 over JSON-RPC (picked automatically): the field names that differ from 19
 * (PO line unit and taxes, uom factors) are the ones it must use.
 */
@PlantSyncTest
@SpringBatchTest
class InvoicePostingOdoo18Test {

    private static final SimulatedWorld WORLD = SimulatedWorld.start(18, "acme", "ACMEFAST", "ACME");
    private static final OdooSimulator ODOO = WORLD.odoo;
    private static final DemoCompany.Ids DEMO = WORLD.demo;
    private static final EmbeddedSftpServer SFTP = WORLD.sftp;

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        WORLD.register(registry);
    }

    @AfterAll
    static void stop() {
        WORLD.close();
    }

    @Autowired
    JobOperatorTestUtils batch;

    @Autowired
    @Qualifier("supplierInvoicePosting")
    Job job;

    @Test
    void postsOnOdoo18WithTaxesAndUnitConversion() throws Exception {
        int product = DEMO.product("PS-R022");
        ODOO.create("purchase.order", Map.of("partner_id", DEMO.acme(), "name", "PO-18", "state", "purchase",
                "order_line", List.of(List.of(0, 0, Map.of("product_id", product, "product_qty", 24.0,
                        "qty_received", 24.0, "price_unit", 2.0, "product_uom", 1,
                        "taxes_id", List.of(List.of(6, 0, List.of(2))))))));
        Files.writeString(SFTP.home("acme").resolve("inbound/eighteen.edi"), InvoicePostingJobTest.x12("000000201",
                List.of(InvoicePostingJobTest.invoice("ACME-18-1", "PO-18",
                        InvoicePostingJobTest.line("PS-R022", "2", "24.0")))).replace("*2*EA*", "*2*DZN*")
                .replace("TDS*4800~\n", "TDS*6670~\nTXI*ST*8.70*15~\nSAC*C*D240***1000**********Freight~\n")
                .replace("SE*6*0001", "SE*8*0001"));
        batch.setJob(job);

        JobExecution run = batch.startJob(new JobParametersBuilder().addLocalDate("businessDate", LocalDate.of(2026, 11, 23))
                .toJobParameters());

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<Map<String, Object>> bills = ODOO.searchRead("account.move", List.of(List.of("ref", "=", "ACME-18-1")),
                List.of("state", "amount_total"));
        assertThat(bills).singleElement().satisfies(b -> {
            assertThat(b.get("state")).isEqualTo("posted");
            // 24 units x 2.0 + freight 10.00, the freight taxed at the invoice's 15% like the goods: the invoice's 66.70
            assertThat(b.get("amount_total")).isEqualTo(66.7);
        });
        assertThat(ODOO.searchRead("purchase.order.line", List.of(List.of("product_id", "=", product)),
                List.of("qty_invoiced")).get(0).get("qty_invoiced")).isEqualTo(24.0);
    }
}
