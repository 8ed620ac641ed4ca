package dev.plantsync.operations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plantsync config check}: every problem of job settings, partners and schedules, by file and field. */
class ConfigCheckCommandTest {

    @TempDir
    Path dir;

    @Test
    void theShippedSettingsAreOk() {
        Result r = check(Map.of()); // the working directory, as a node started in the project would read it

        assertThat(r.out).contains("ok");
        assertThat(r.exit).as(r.out).isZero();
    }

    @Test
    void listsEveryProblemByFileAndFieldWithoutStartingTheApplication() throws Exception {
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(jobs.resolve("cost-rollup.yml"), """
                plantsync:
                  costing:
                    component-cost: [latest-po, cheapest]
                  recovery:
                    jobs:
                      cost-rollup: RESTART
                      supplier-invoice-postng: RESTART
                """);
        Files.writeString(jobs.resolve("supplier-invoices.yml"), """
                plantsync:
                  invoices:
                    total-tolerance: ten
                    chunk-size: 100
                    charge-product:
                      FRT: FREIGHT
                  recovery:
                    default-policy: SOMETIMES
                """);
        Files.writeString(jobs.resolve("broken.yml"), "plantsync:\n  costing: [\n");
        Files.writeString(jobs.resolve("partners.yml"), """
                partners:
                  - id: acme
                    hots: sftp.acme.example
                """);
        Path schedules = Files.createDirectories(dir.resolve("schedules"));
        Files.writeString(schedules.resolve("nightly.yml"), """
                job: cost-rolup
                cron: "0 0 2 * * ?"
                timeZone: Europe/Berlin
                """);

        Result r = check(Map.of("plantsync.config-dir", dir.toString()));

        assertThat(r.exit).as(r.out).isEqualTo(ExitCodes.PROBLEM);
        assertThat(r.out).contains(
                jobs.resolve("cost-rollup.yml") + ": plantsync.costing.component-cost: unknown source 'cheapest'",
                jobs.resolve("cost-rollup.yml") + ": plantsync.recovery.jobs.supplier-invoice-postng: "
                        + "'supplier-invoice-postng' is not a PlantSync job",
                jobs.resolve("supplier-invoices.yml") + ":6: plantsync.invoices.charge-product.frt: unknown setting",
                jobs.resolve("supplier-invoices.yml") + ":3: plantsync.invoices.total-tolerance: 'ten'",
                jobs.resolve("supplier-invoices.yml") + ":8: plantsync.recovery.default-policy: 'SOMETIMES': "
                        + "not one of [RESTART, OPERATOR]",
                jobs.resolve("broken.yml") + ":3: (yaml): ",
                jobs.resolve("partners.yml") + ": partners: ",
                schedules.resolve("nightly.yml") + ": job: job 'cost-rolup' is not a PlantSync job",
                "8 problem(s)");
        assertThat(r.out).contains("hots").doesNotContain("chunk-size"); // read on its own, not unknown
    }

    @Test
    void aConfigDirWithoutJobSettingsIsAProblemNamingThePath() {
        Result r = check(Map.of("plantsync.config-dir", dir.toString()));

        assertThat(r.exit).isEqualTo(ExitCodes.PROBLEM);
        assertThat(r.out).contains(dir.resolve("jobs").toAbsolutePath() + ": jobs/: no job settings here",
                dir.resolve("jobs/partners.yml") + ": partners: no partner registry here");
    }

    private record Result(int exit, String out) {
    }

    private static Result check(Map<String, Object> settings) {
        StringWriter out = new StringWriter();
        int exit = PlantSyncCommand.commandLine(new SettingsOnly(settings)).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(out, true)).execute("config", "check");
        return new Result(exit, out.toString());
    }
}
