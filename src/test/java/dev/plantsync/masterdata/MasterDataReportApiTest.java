package dev.plantsync.masterdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;

import dev.plantsync.support.ApiClient;
import dev.plantsync.support.SimulatedWorld;
import dev.plantsync.support.TestUsers;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The master-data run report over HTTP: counts as JSON, every change as CSV and XLSX, for anyone signed in. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"plantsync.scheduler.enabled=false", "plantsync.jobs.async=false"})
@ActiveProfiles("test")
class MasterDataReportApiTest extends MasterDataNights {

    private static final SimulatedWorld WORLD = SimulatedWorld.start(19, "plm", "PLM", "PLM");

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        WORLD.register(registry);
        TestUsers.register(registry, "vera", "VIEWER");
    }

    @AfterAll
    static void stop() {
        WORLD.close();
    }

    @LocalServerPort
    int port;

    @Test
    void countsAndChangesOfARun() throws Exception {
        Files.writeString(WORLD.sftp.home("plm").resolve("inbound/products-api.csv"), """
                default_code,name,standard_price
                PS-A001,Api part,1.25
                PS-R002,Raw material 2,0.55
                """);
        JobExecution run = run(1);
        long instance = run.getJobInstance().getId();
        ApiClient api = new ApiClient(port);

        HttpResponse<String> summary = api.get("vera", "/api/masterdata/runs/" + instance);
        assertThat(summary.statusCode()).isEqualTo(200);
        assertThat(summary.body()).contains("\"entity\":\"product\",\"action\":\"CREATE\",\"state\":\"APPLIED\"",
                "\"action\":\"UPDATE\"");

        HttpResponse<String> csv = api.get("vera", "/api/masterdata/runs/" + instance + "/changes.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body().lines()).anyMatch(l -> l.startsWith("product,PS-R002,UPDATE,APPLIED,")
                && l.contains("[0.5, 0.55]"));

        HttpResponse<byte[]> xlsx = api.download("vera", "/api/masterdata/runs/" + instance + "/changes.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            assertThat(book.getSheet("changes").getLastRowNum()).isEqualTo(2);
        }

        assertThat(api.get("vera", "/api/masterdata/runs/999999").statusCode()).isEqualTo(404);
    }
}
