package dev.plantsync.acceptance;

import static dev.plantsync.acceptance.RealOdoo.values;
import static dev.plantsync.acceptance.RealWorld.eq;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.plantsync.odoo.CrashingOdoo;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.odoo.OdooConnector;
import dev.plantsync.odoo.OdooSettings;
import dev.plantsync.support.PlantSyncTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Exactly once against a real Odoo (issue 23): the completion scenario of {@link ProductionCompletionAcceptance}
 * (4 of 10 with consumption, a scrap, the rest with 10 % over plan) run again and again on a fresh order, the job
 * dying each time at the next call that changes Odoo - after Odoo booked it and before PlantSync saw the answer,
 * which is what a kill -9 at that moment leaves - and restarted. Every time, Odoo must hold each event exactly once:
 * -001 done with 4, -002 done with 6, the consumption as reported, one scrap, one lot per finished lot name.
 */
@PlantSyncTest
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
abstract class ProductionCompletionCrashAcceptance {

    static final CrashingOdoo.Plan PLAN = new CrashingOdoo.Plan();

    /** PlantSync's Odoo client, dying where {@link #PLAN} says. */
    @TestConfiguration(proxyBeanMethods = false)
    static class DyingOdoo {
        @Bean
        @Primary
        @Lazy
        OdooClient dyingOdooClient(OdooSettings settings, MeterRegistry registry) {
            return CrashingOdoo.wrap(OdooConnector.connect(settings, registry), PLAN);
        }
    }

    @Autowired
    JobOperator jobs;

    @Autowired
    @Qualifier("productionCompletionImport")
    Job job;

    @Autowired
    JdbcClient jdbc;

    abstract RealWorld world();

    static void wiring(RealWorld world, DynamicPropertyRegistry registry) {
        world.partner("mes", "MES", "MES", "{mes-completion: [\"completions*.csv\"]}");
        registry.add("plantsync.production.plants.plant-1.partner", () -> "mes");
        registry.add("plantsync.production.plants.plant-1.warehouse", () -> "WH");
        registry.add("plantsync.production.plants.plant-1.consume-tolerance-percent", () -> "10");
        // The process died, Odoo did not: nothing of ours is still in flight when the restart looks.
        registry.add("plantsync.production.settle-time", () -> "PT0S");
        world.register(registry);
    }

    @Test
    void aDeathAtAnyWriteAndARestartBookEveryEventExactlyOnce() throws Exception {
        RealWorld w = world();
        RealOdoo odoo = w.odoo();
        OdooFixtures f = new OdooFixtures(odoo);
        int drawer = id(odoo, "product.product", eq("default_code", ProductionCompletionAcceptance.DRAWER));
        int black = id(odoo, "product.product", eq("default_code", ProductionCompletionAcceptance.BLACK));
        int caseBlack = id(odoo, "product.product", eq("default_code", ProductionCompletionAcceptance.CASE));
        int template = RealOdoo.id(odoo.read("product.product", List.of(drawer), List.of("product_tmpl_id"), Map.of())
                .get(0).get("product_tmpl_id"));
        int bom = ((Number) odoo.one("mrp.bom", List.of(eq("code", "SEC-ASSEM"), eq("product_tmpl_id", template)),
                List.of("id")).get("id")).intValue();
        int stock = RealOdoo.id(odoo.one("stock.warehouse", List.of(eq("code", "WH"), eq("company_id", 1)),
                List.of("lot_stock_id")).get("lot_stock_id"));
        f.onHand(black, stock, 500, odoo.create("stock.lot", values("name", w.code("BLK"), "product_id", black)));
        f.onHand(caseBlack, stock, 500, odoo.create("stock.lot", values("name", w.code("CASE"), "product_id",
                caseBlack)));

        SoftAssertions soft = new SoftAssertions();
        List<String> deaths = new ArrayList<>();
        int at = 0;
        boolean afterAnswer = false; // the first round dies before its first write is sent (right after the mark)
        while (true) {
            String tag = w.prefix + "-K" + at + (afterAnswer ? "a" : "b");
            int mo = odoo.create("mrp.production", values("product_id", drawer, "product_qty", 10.0, "bom_id", bom));
            odoo.call("mrp.production", "action_confirm", List.of(List.of(mo)));
            String name = (String) odoo.read("mrp.production", List.of(mo), List.of("name"), Map.of()).get(0)
                    .get("name");
            String t = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();
            w.write("mes", "completions-" + tag + ".csv", """
                    event_id,mo,event_type,final,quantity,unit,product,lot,time,work_centre,operator,reason
                    %1$s-1,%2$s,CONSUMED,,4,Units,FURN_2100,%3$s,%5$s,,,
                    %1$s-2,%2$s,CONSUMED,,4,Units,FURN_5623,%4$s,%5$s,,,
                    %1$s-3,%2$s,PRODUCED,N,4,Units,,%1$s-A,%5$s,,,
                    %1$s-4,%2$s,SCRAPPED,,1,Units,FURN_5623,%4$s,%5$s,,,dented
                    %1$s-5,%2$s,CONSUMED,,6.6,Units,FURN_2100,%3$s,%5$s,,,
                    %1$s-6,%2$s,CONSUMED,,6,Units,FURN_5623,%4$s,%5$s,,,
                    %1$s-7,%2$s,PRODUCED,Y,6,Units,,%1$s-B,%5$s,,,
                    """.formatted(tag, name, w.code("BLK"), w.code("CASE"), t));
            PLAN.dieAt(at == 0 ? 1 : at, afterAnswer);
            JobExecution first = jobs.start(job, new JobParametersBuilder().addString("run", tag).toJobParameters());
            String died = PLAN.crashed();
            if (died != null) {
                soft.assertThat(first.getStatus()).as(tag + " died at " + died).isEqualTo(BatchStatus.FAILED);
                JobExecution restarted = jobs.restart(first);
                soft.assertThat(restarted.getStatus()).as(tag + " restarted after dying at " + died + ": "
                        + restarted.getExitStatus().getExitDescription()).isEqualTo(BatchStatus.COMPLETED);
                deaths.add((afterAnswer ? at : 1) + " " + died);
            } else {
                soft.assertThat(first.getStatus()).as(tag + " without dying").isEqualTo(BatchStatus.COMPLETED);
            }
            check(soft, odoo, tag, name);
            if (died == null) {
                break;
            }
            if (!afterAnswer) {
                afterAnswer = true;
            }
            at++;
        }
        LoggerFactory.getLogger(getClass()).info("Odoo {}: died and restarted at {} writes: {}", odoo.version,
                deaths.size(), deaths);
        assertThat(deaths).as("writes the scenario makes").hasSizeGreaterThan(10);
        soft.assertAll();
    }

    /** What Odoo must hold for one round, whatever the moment the job died. */
    private void check(SoftAssertions soft, RealOdoo odoo, String tag, String name) {
        List<Map<String, Object>> family = odoo.searchRead("mrp.production", List.of("|", eq("name", name),
                List.of("name", "=like", name + "-%")), List.of("name", "state", "qty_produced"));
        Map<String, String> byName = new TreeMap<>();
        family.forEach(m -> byName.put((String) m.get("name"), m.get("state") + " "
                + ((Number) m.get("qty_produced")).doubleValue()));
        soft.assertThat(byName).as(tag + " orders").isEqualTo(Map.of(name + "-001", "done 4.0", name + "-002",
                "done 6.0"));
        for (Map<String, Object> m : family) {
            Map<String, Double> consumed = new TreeMap<>();
            for (Map<String, Object> line : odoo.searchRead("stock.move.line", List.of(
                    eq("move_id.raw_material_production_id", m.get("id")), eq("state", "done"),
                    eq("location_dest_id.usage", "production")), List.of("product_id", "quantity"))) {
                consumed.merge(RealOdoo.display(line.get("product_id")).substring(1, 10),
                        ((Number) line.get("quantity")).doubleValue(), Double::sum);
            }
            boolean first = ((String) m.get("name")).endsWith("-001");
            soft.assertThat(consumed).as(tag + " consumed by " + m.get("name")).isEqualTo(first
                    ? Map.of("FURN_2100", 4.0, "FURN_5623", 4.0) : Map.of("FURN_2100", 6.6, "FURN_5623", 6.0));
        }
        List<Map<String, Object>> scraps = odoo.searchRead("stock.scrap", List.of(List.of("production_id.name",
                "=like", name + "%")), List.of("state", "scrap_qty"));
        soft.assertThat(scraps).as(tag + " scraps").hasSize(1)
                .allSatisfy(s -> assertThat(s.get("state")).isEqualTo("done"));
        soft.assertThat(odoo.searchRead("stock.lot", List.of(List.of("name", "in", List.of(tag + "-A", tag + "-B"))),
                List.of("name"))).as(tag + " finished lots").hasSize(2);
        soft.assertThat(jdbc.sql("SELECT state, count(*) FROM mes_event WHERE event_id LIKE :tag GROUP BY state")
                .param("tag", tag + "-%").query().listOfRows()).as(tag + " events")
                .containsExactly(Map.of("state", "APPLIED", "count", 7L));
    }

    private static int id(RealOdoo odoo, String model, List<Object> leaf) {
        return ((Number) odoo.one(model, List.of(leaf), List.of("id")).get("id")).intValue();
    }
}
