package dev.plantsync.operations;

import static dev.plantsync.invoices.InvoicePostingJobTest.invoice;
import static dev.plantsync.invoices.InvoicePostingJobTest.line;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import dev.plantsync.invoices.InvoicePostingJobTest;
import dev.plantsync.odoo.sim.DemoCompany;
import dev.plantsync.odoo.sim.OdooSimulator;
import dev.plantsync.sftp.EmbeddedSftpServer;
import dev.plantsync.support.ApiClient;
import dev.plantsync.support.ConsoleSession;
import dev.plantsync.support.InvoiceVolume;
import dev.plantsync.support.JarProcesses;
import dev.plantsync.support.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.impl.StdSchedulerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * One launch path under contention, proven across processes: the packaged jar as two server nodes A and B on one
 * database (a Quartz cluster; the Odoo simulator and the partners' SFTP server in this JVM), with one-shot CLI
 * processes and schedule fires put into the cluster's job store from here. Whatever path starts a run (schedule fire,
 * CLI, REST API, console form, recovery restart, approval decision) it goes through the same cluster-wide lock and
 * check: while one node runs a job, no other path on any node starts a second run of it, and each refusal is
 * answered as that path answers (409 problem, console message, exit code 7, audited skip, deferred restart). Then 200
 * mixed requests at once: no run of a job overlaps another, no fire is lost, no 500.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LaunchContentionIT {

    private static final Path LOGS = Path.of("target", "launch-contention");
    private static final String SCHEDULES = ScheduleReconciler.GROUP;
    private static final String PROBLEM_JSON = "application/problem+json";

    private Path temp;
    private OdooSimulator odoo;
    private EmbeddedSftpServer sftp;
    private TestDatabases.FreshDatabase db;
    private JarProcesses jar;
    private Connection sql;
    private Scheduler quartz;
    private int portA;
    private int portB;
    private ApiClient apiA;
    private ApiClient apiB;

    @BeforeAll
    void twoNodesOnOneDatabase() throws Exception {
        temp = Files.createTempDirectory("launch-contention");
        odoo = OdooSimulator.start(19);
        sftp = EmbeddedSftpServer.start(Files.createDirectories(temp.resolve("sftp")));
        DemoCompany.Ids demo = DemoCompany.seed(odoo);
        InvoiceVolume.orders(odoo, demo, 20, 2);
        Path partners = sftp.writePartners(temp, "acme", "ACMEFAST", "ACME");
        Path schedules = Files.createDirectories(temp.resolve("schedules"));
        // Schedules that never come due on their own (2099): their fires are triggered from this test, now.
        schedule(schedules, "demo-fire", "demo", "items: \"150\"");
        schedule(schedules, "posting-fire", "posting-reconciliation", null);
        db = TestDatabases.create();
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        List<String> settings = JarProcesses.nodeSettings(db, odoo.url(), partners, schedules, temp,
                "-Dplantsync.invoices.chunk-size=10", "-Dplantsync.demo.chunk-size=50",
                "-Dplantsync.jobs.max-concurrent=2",
                "-Dplantsync.recovery.heartbeat-interval=PT1S", "-Dplantsync.recovery.check-interval=PT1S",
                "-Dplantsync.recovery.dead-after=PT5S", "-Dplantsync.recovery.jobs.demo=RESTART",
                "-Dspring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=1000",
                // A trigger stored by another process is seen within a second, not the 30 s Quartz idles by default.
                "-Dspring.quartz.properties.org.quartz.scheduler.idleWaitTime=1000",
                "-Dplantsync.security.users[0].name=otto",
                "-Dplantsync.security.users[0].password={bcrypt}" + bcrypt.encode("otto-secret"),
                "-Dplantsync.security.users[0].roles[0]=OPERATOR",
                "-Dplantsync.security.users[1].name=anna",
                "-Dplantsync.security.users[1].password={bcrypt}" + bcrypt.encode("anna-secret"),
                "-Dplantsync.security.users[1].roles[0]=APPROVER");
        jar = new JarProcesses(LOGS, settings);
        portA = JarProcesses.freePort();
        portB = JarProcesses.freePort();
        jar.server("a", portA);
        jar.server("b", portB);
        jar.awaitHealthy(portA);
        jar.awaitHealthy(portB);
        apiA = new ApiClient(portA);
        apiB = new ApiClient(portB);
        sql = DriverManager.getConnection(db.url(), db.user(), null);
        quartz = quartzClient();
    }

    @AfterAll
    void stop() throws Exception {
        if (quartz != null) {
            quartz.shutdown();
        }
        if (sql != null) {
            sql.close();
        }
        if (jar != null) {
            jar.close();
        }
        if (sftp != null) {
            sftp.close();
        }
        if (odoo != null) {
            odoo.close();
        }
    }

    /**
     * Node A runs demo; meanwhile node B's API and console, a CLI process and a schedule fire (on whichever node
     * takes it) are each refused, each as its path answers, and none leaves an execution behind. A run left by a node
     * that died meanwhile is recovered only once A's run has ended, and restarted once.
     */
    @Test
    @Order(1)
    void whileOneNodeRunsAJobEveryOtherPathIsRefusedAndRecoveryWaits() throws Exception {
        HttpResponse<String> held = apiA.post("otto", "/api/jobs/demo/launch",
                "{\"businessDate\":\"2026-05-01\",\"items\":\"50000\",\"pauseMillis\":\"250\"}");
        assertThat(held.statusCode()).as(held.body()).isEqualTo(202);
        long running = idOf(held.body());
        awaitStatus(running, "STARTED");

        // REST API on the other node: 409, an RFC 7807 problem naming the run that holds the job.
        HttpResponse<String> api = apiB.post("otto", "/api/jobs/demo/launch", "{\"businessDate\":\"2026-05-02\"}");
        assertThat(api.statusCode()).isEqualTo(409);
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith(PROBLEM_JSON));
        assertThat(api.body()).contains("\"title\":\"ALREADY_RUNNING\"", "job demo is already running: execution "
                + running + " is STARTED", "nothing was started");

        // Console on the other node: back to the jobs page, which says why.
        ConsoleSession console = new ConsoleSession(portB).signIn("otto", "otto-secret");
        HttpResponse<String> form = console.post("/console/jobs/demo/launch", "parameters=businessDate%3D2026-05-03");
        assertThat(form.statusCode()).isEqualTo(302);
        assertThat(form.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .endsWith("/console/jobs"));
        assertThat(console.get("/console/jobs").body()).contains("job demo is already running: execution "
                + running);

        // A schedule fire, taken by either node: skipped, audited, nothing started.
        long skippedBefore = count("SELECT count(*) FROM audit_event WHERE actor = 'schedule:demo-fire'"
                + " AND action = 'LAUNCH' AND outcome = 'REFUSED'");
        quartz.triggerJob(JobKey.jobKey("demo-fire", SCHEDULES));
        jar.await(Duration.ofSeconds(20), "the fire audited", () -> count("SELECT count(*) FROM audit_event"
                + " WHERE actor = 'schedule:demo-fire' AND action = 'LAUNCH'") > skippedBefore);
        assertThat(rows("SELECT outcome || ' ' || detail FROM audit_event WHERE actor = 'schedule:demo-fire'"
                + " AND action = 'LAUNCH' ORDER BY id")).singleElement().satisfies(a -> assertThat(a)
                .startsWith("REFUSED job demo is already running: execution " + running));

        // The CLI, its own process: exit code 7 (already running), in a plain sentence.
        JarProcesses.Ended cli = jar.command("run-refused", 120, "run", "demo", "-p", "businessDate=2026-05-04");
        assertThat(cli.exitCode()).as(cli.output()).isEqualTo(7);
        assertThat(cli.output()).contains("job demo is already running: execution " + running);

        // Recovery: a run a dead node left behind is not restarted while A's run goes, on either node.
        long orphan = leftByDeadNode("demo", "2026-05-05");
        Thread.sleep(2_500); // two recovery checks on each node
        assertThat(status(running)).as("A's run still holds the job").isEqualTo("STARTED");
        assertThat(status(orphan)).as("left as it is while demo runs").isEqualTo("STARTED");
        assertThat(count("SELECT count(*) FROM batch_job_execution e JOIN batch_job_instance i USING"
                + " (job_instance_id) WHERE i.job_name = 'demo' AND e.job_execution_id > " + orphan)).isZero();

        apiA.post("otto", "/api/jobs/executions/" + running + "/stop", "");
        awaitStatus(running, "STOPPED");
        jar.await(Duration.ofSeconds(60), "the orphan restarted and completed", () -> "COMPLETED".equals(
                lastOfInstanceOf(orphan)));

        assertThat(rows("SELECT parameter_value FROM batch_job_execution_params p JOIN batch_job_execution e USING"
                + " (job_execution_id) JOIN batch_job_instance i USING (job_instance_id) WHERE i.job_name = 'demo'"
                + " AND p.parameter_name = 'businessDate' ORDER BY e.job_execution_id"))
                .as("only the run that held the job, the orphan and its one restart")
                .containsExactly("2026-05-01", "2026-05-05", "2026-05-05");
        assertThat(rows("SELECT action || ' ' || outcome || ' ' || split_part(actor, '@', 1) FROM audit_event"
                + " WHERE target = 'demo#" + orphan + "' ORDER BY id")).containsExactly("RECOVER FAILED recovery",
                "RESTART OK recovery");
        assertThat(count("SELECT count(*) FROM batch_job_execution r WHERE r.job_instance_id = (SELECT"
                + " job_instance_id FROM batch_job_execution WHERE job_execution_id = " + orphan + ")"
                + " AND r.job_execution_id > " + orphan + " AND r.create_time >= (SELECT end_time FROM"
                + " batch_job_execution WHERE job_execution_id = " + running + ")"))
                .as("restarted after A's run had ended").isEqualTo(1);
        assertNoRunsOverlap();
    }

    /**
     * An approval decision whose run's job is busy: the decision stands (200), the restart is recorded as owed
     * (RESTART DEFERRED), and the recovery check restarts the run after the busy one ended; its bill is posted once.
     */
    @Test
    @Order(2)
    void anApprovalDecidedWhileItsJobRunsElsewhereResumesTheRunOnceTheJobIsFree() throws Exception {
        Files.writeString(sftp.home("acme").resolve("inbound/approval.edi"), InvoicePostingJobTest.x12("000000301",
                List.of(invoice("APPR-1", "PO-B0", line("PS-R001", "1", "1.50")))));
        HttpResponse<String> first = apiA.post("otto", "/api/jobs/supplier-invoice-posting/launch",
                "{\"businessDate\":\"2026-11-20\"}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        long waiting = idOf(first.body());
        jar.await(Duration.ofSeconds(60), "the run waits for approval", () -> "STOPPED".equals(status(waiting)));
        assertThat(rows("SELECT reason_code || ' ' || state FROM approval_request WHERE job_execution_id = "
                + waiting)).containsExactly("PRICE_VARIANCE PENDING");
        long request = Long.parseLong(rows("SELECT id FROM approval_request WHERE job_execution_id = " + waiting)
                .get(0));

        Files.writeString(sftp.home("acme").resolve("inbound/busy.edi"), InvoiceVolume.x12("BUSY", 120, 2, 20));
        odoo.faults().latency(Duration.ofMillis(30)); // the busy run takes long enough to decide during it
        HttpResponse<String> second = apiA.post("otto", "/api/jobs/supplier-invoice-posting/launch",
                "{\"businessDate\":\"2026-11-21\"}");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(202);
        long busy = idOf(second.body());
        awaitStatus(busy, "STARTED");

        HttpResponse<String> decided = apiB.post("anna", "/api/approvals/" + request + "/approve",
                "{\"comment\":\"agreed price rise\"}");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        assertThat(decided.body()).contains("\"state\":\"APPROVED\"");
        assertThat(status(busy)).as("the decision came while the job was busy").isEqualTo("STARTED");
        assertThat(rows("SELECT outcome || ' ' || actor || ' ' || detail FROM audit_event WHERE action = 'RESTART'"
                + " AND target = 'supplier-invoice-posting#" + waiting + "'")).singleElement()
                .satisfies(a -> assertThat(a).startsWith("DEFERRED approval:anna job supplier-invoice-posting is"
                        + " already running: execution " + busy).endsWith("the recovery check restarts it once"
                        + " the job is free"));
        assertThat(lastOfInstanceId(waiting)).as("not resumed beside the busy run").isEqualTo(waiting);

        jar.await(Duration.ofSeconds(120), "the busy run completed", () -> "COMPLETED".equals(status(busy)));
        odoo.faults().latency(Duration.ZERO);
        jar.await(Duration.ofSeconds(60), "the approved run resumed and completed",
                () -> "COMPLETED".equals(lastOfInstanceOf(waiting)));
        long resumed = lastOfInstanceId(waiting);
        assertThat(count("SELECT count(*) FROM batch_job_execution WHERE job_execution_id = " + resumed
                + " AND create_time >= (SELECT end_time FROM batch_job_execution WHERE job_execution_id = " + busy
                + ")")).as("resumed after the busy run ended").isEqualTo(1);
        assertThat(rows("SELECT outcome || ' ' || split_part(actor, '@', 1) FROM audit_event WHERE action = 'RESTART'"
                + " AND target = 'supplier-invoice-posting#" + waiting + "' ORDER BY id"))
                .containsExactly("DEFERRED approval:anna", "OK recovery");
        assertThat(odoo.searchRead("account.move", List.of(List.of("ref", "=", "APPR-1")), List.of("state")))
                .as("the approved invoice posted once").singleElement()
                .satisfies(bill -> assertThat(bill.get("state")).isEqualTo("posted"));
        assertNoRunsOverlap();
    }

    /**
     * 200 requests at once on both nodes: API launches of three jobs (several per instance), console launches,
     * schedule fires, restarts of failed runs (several per run), CLI runs. No two runs of a job overlap, every fire
     * launched a run or is audited as skipped or retried, every refusal is a problem with 409, 429 or 503, no 500.
     */
    @Test
    @Order(3)
    void twoHundredLaunchesFiresAndRestartsAtOnceOnTwoNodes() throws Exception {
        List<Long> failed = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            HttpResponse<String> r = apiA.post("otto", "/api/jobs/demo/launch", "{\"businessDate\":\"2026-07-0" + i
                    + "\",\"items\":\"200\",\"failAt\":\"120\"}");
            long id = idOf(r.body());
            jar.await(Duration.ofSeconds(30), "the run failing at item 120", () -> "FAILED".equals(status(id)));
            failed.add(id);
        }
        long auditBefore = count("SELECT coalesce(max(id), 0) FROM audit_event");
        long executionsBefore = count("SELECT coalesce(max(job_execution_id), 0) FROM batch_job_execution");
        ConsoleSession consoleA = new ConsoleSession(portA).signIn("otto", "otto-secret");
        ConsoleSession consoleB = new ConsoleSession(portB).signIn("otto", "otto-secret");

        List<Request> requests = new ArrayList<>();
        String[] apiJobs = {"demo", "demo", "demo", "posting-reconciliation", "supplier-invoice-posting"};
        for (int i = 0; i < 100; i++) {
            String job = apiJobs[i % apiJobs.length];
            String body = "{\"businessDate\":\"2026-08-" + String.format("%02d", 1 + i % 6) + "\""
                    + (job.equals("demo") ? ",\"items\":\"" + (100 + 50 * (i % 3)) + "\"" : "") + "}";
            ApiClient api = i % 2 == 0 ? apiA : apiB;
            requests.add(new Request("api", () -> api.post("otto", "/api/jobs/" + job + "/launch", body)));
        }
        for (int i = 0; i < 20; i++) {
            ConsoleSession console = i % 2 == 0 ? consoleA : consoleB;
            String job = i % 4 == 0 ? "posting-reconciliation" : "demo";
            String date = "2026-09-" + String.format("%02d", 1 + i % 5);
            requests.add(new Request("console", () -> console.post("/console/jobs/" + job + "/launch",
                    "parameters=businessDate%3D" + date + "%0Aitems%3D100")));
        }
        for (int i = 0; i < 16; i++) {
            long execution = failed.get(i % failed.size());
            ApiClient api = i % 2 == 0 ? apiA : apiB;
            requests.add(new Request("restart", () -> api.post("otto", "/api/jobs/executions/" + execution
                    + "/restart", "")));
        }
        int fires = 60;
        for (int i = 0; i < fires; i++) {
            String schedule = i % 3 == 2 ? "posting-fire" : "demo-fire";
            requests.add(new Request("fire", () -> {
                quartz.triggerJob(JobKey.jobKey(schedule, SCHEDULES));
                return null;
            }));
        }
        int clis = 4;
        for (int i = 0; i < clis; i++) {
            String date = "2026-10-0" + (1 + i % 2);
            String name = "stress-" + i;
            requests.add(new Request("cli", () -> {
                JarProcesses.Ended ended = jar.command(name, 180, "run", "demo", "-p", "businessDate=" + date,
                        "-p", "items=100");
                // Two CLI runs per date: the later one finds it done (exit 2, "already completed").
                cliExits.add(ended.exitCode() == 2 && ended.output().contains("already completed for")
                        ? -2 : ended.exitCode());
                return null;
            }));
        }
        assertThat(requests).hasSize(200);
        Collections.shuffle(requests, new java.util.Random(22));

        long start = System.nanoTime();
        List<HttpResponse<String>> answers = Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicInteger> consoleOutcomes = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        ExecutorService processes = Executors.newFixedThreadPool(2); // CLI JVMs: two at a time on a small machine
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> pending = new ArrayList<>();
        for (Request request : requests) {
            ExecutorService pool = request.kind().equals("cli") ? processes : clients;
            pending.add(pool.submit(() -> {
                go.await();
                HttpResponse<String> answer = request.call().call();
                if (answer != null && request.kind().equals("console")) {
                    consoleOutcomes.computeIfAbsent(answer.statusCode() + " " + answer.headers().firstValue("Location")
                            .map(l -> l.replaceAll(".*/console/", "").replaceAll("/\\d+$", "/{id}")).orElse(""),
                            k -> new AtomicInteger()).incrementAndGet();
                } else if (answer != null) {
                    answers.add(answer);
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : pending) {
            f.get(240, TimeUnit.SECONDS);
        }
        clients.shutdown();
        processes.shutdown();
        long answered = System.nanoTime();
        // Settled: every fire taken and every retry done, nothing running.
        jar.await(Duration.ofSeconds(120), "every fire taken, every retry done, nothing running", () ->
                count("SELECT count(*) FROM qrtz_triggers WHERE trigger_group <> '" + SCHEDULES + "'") == 0
                        && count("SELECT count(*) FROM qrtz_fired_triggers") == 0
                        && count("SELECT count(*) FROM batch_job_execution WHERE status IN ('STARTING', 'STARTED',"
                        + " 'STOPPING')") == 0);
        long settled = System.nanoTime();

        Map<Integer, Long> byStatus = answers.stream().collect(Collectors.groupingBy(HttpResponse::statusCode,
                TreeMap::new, Collectors.counting()));
        String fromSchedules = " FROM audit_event WHERE id > " + auditBefore + " AND actor LIKE 'schedule:%'";
        long fireAttempts = count("SELECT count(*)" + fromSchedules + " AND action = 'LAUNCH'");
        long retried = count("SELECT count(*)" + fromSchedules + " AND action = 'FIRE' AND detail LIKE"
                + " '%tried again at%'");
        long givenUp = count("SELECT count(*)" + fromSchedules + " AND action = 'FIRE' AND detail LIKE '%given up%'");
        long firesLaunched = count("SELECT count(*)" + fromSchedules + " AND action = 'LAUNCH' AND outcome = 'OK'");
        long firesSkipped = count("SELECT count(*)" + fromSchedules + " AND action = 'LAUNCH' AND outcome = 'REFUSED'"
                + " AND detail LIKE '%already running%'");
        long restarts = count("SELECT count(*) FROM audit_event WHERE id > " + auditBefore + " AND action = 'RESTART'"
                + " AND outcome = 'OK'");
        long launched = count("SELECT count(*) FROM batch_job_execution WHERE job_execution_id > "
                + executionsBefore);
        Map<String, String> refusals = new TreeMap<>();
        rows("SELECT why || '=' || count(*) FROM (SELECT action || ' ' || coalesce(substring(detail FROM '(already"
                + " running|already completed|job slots|conflicting|already restarted|being started right now)'),"
                + " 'other') AS why FROM audit_event WHERE id > " + auditBefore + " AND outcome = 'REFUSED') r"
                + " GROUP BY why").forEach(r -> {
                    String[] kv = r.split("=");
                    refusals.put(kv[0], kv[1]);
                });
        System.out.printf("""
                launch contention: 200 requests on 2 nodes (%d API launches, 20 console launches, 16 restarts of %d \
                failed runs, %d fires, %d CLI runs)
                  answered in %d ms, settled (fires, retries, runs) in %d ms
                  HTTP statuses %s; console %s; CLI exit codes %s
                  executions created %d (fires launched %d, skipped %d, retried %d, given up %d; restarts %d)
                  refusals audited %s
                %n""", 100, failed.size(), fires, clis, (answered - start) / 1_000_000,
                (settled - start) / 1_000_000, byStatus, new TreeMap<>(consoleOutcomes), cliExits, launched,
                firesLaunched, firesSkipped, retried, givenUp, restarts, refusals);
        // Answers: only 202, 409, 429, 503; every refusal an RFC 7807 problem.
        assertThat(byStatus.keySet()).as("HTTP statuses").isSubsetOf(202, 409, 429, 503);
        assertThat(answers).filteredOn(r -> r.statusCode() != 202).allSatisfy(r -> {
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                    .startsWith(PROBLEM_JSON));
            assertThat(r.body()).contains("\"title\":", "\"detail\":").doesNotContainIgnoringCase("sql")
                    .doesNotContainIgnoringCase("batch_job");
        });
        assertThat(consoleOutcomes.keySet()).as("console: the run's page, or the jobs page saying why")
                .isSubsetOf("302 executions/{id}", "302 jobs");
        assertThat(cliExits).as("CLI: completed, already completed (-2), already running or busy")
                .isSubsetOf(0, -2, 7, 8);

        // Runs: none of a job overlaps another of it; each instance ran once, plus one execution per restart.
        assertNoRunsOverlap();
        assertThat(count("SELECT count(*) FROM batch_job_execution WHERE job_execution_id > " + executionsBefore
                + " AND status NOT IN ('COMPLETED', 'FAILED', 'STOPPED')")).as("every run ended").isZero();
        assertThat(rows("SELECT job_instance_id FROM batch_job_execution WHERE status = 'COMPLETED'"
                + " GROUP BY job_instance_id HAVING count(*) > 1")).as("instances that completed twice").isEmpty();
        for (long id : failed) {
            // Asked 4 times from both nodes: restarted at most once (refused while another demo run went).
            long runs = count("SELECT count(*) FROM batch_job_execution WHERE job_instance_id = (SELECT"
                    + " job_instance_id FROM batch_job_execution WHERE job_execution_id = " + id + ")");
            assertThat(runs).as("failed run %d restarted at most once, however often asked", id).isBetween(1L, 2L);
            assertThat(lastOfInstanceOf(id)).isEqualTo(runs == 2 ? "COMPLETED" : "FAILED");
        }

        // Fires: each one launched, or was skipped (audited), or failed and was tried again until it did either.
        assertThat(fireAttempts).as("one audited launch per fire and per retry").isEqualTo(fires + retried);
        assertThat(givenUp).as("no fire given up").isZero();
        assertThat(count("SELECT count(*) FROM batch_job_execution_params p JOIN batch_job_execution e USING"
                + " (job_execution_id) WHERE e.job_execution_id > " + executionsBefore
                + " AND p.parameter_name = 'fireTime'")).as("a run per launched fire").isEqualTo(firesLaunched);
        assertThat(launched).as("something ran").isPositive();
    }

    private final List<Integer> cliExits = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> fabricated = new ArrayList<>();

    /** One of the 200: its kind, and what it does (an HTTP answer, or null for fires and CLI runs). */
    private record Request(String kind, java.util.concurrent.Callable<HttpResponse<String>> call) {
    }

    /** The executions this test wrote itself (a dead node's), never run by a node: they hold no interval. */
    private String fabricated() {
        return fabricated.isEmpty() ? "-1" : fabricated.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** Per job, no execution was created before another one of the job had ended (all executions ever run). */
    private void assertNoRunsOverlap() {
        assertThat(rows("""
                SELECT i.job_name || ': ' || a.job_execution_id || ' [' || a.create_time || ', ' || a.end_time
                       || '] and ' || b.job_execution_id || ' [' || b.create_time || ', ' || b.end_time || ']'
                  FROM batch_job_execution a
                  JOIN batch_job_instance i ON i.job_instance_id = a.job_instance_id
                  JOIN batch_job_execution b ON b.job_execution_id > a.job_execution_id
                  JOIN batch_job_instance j ON j.job_instance_id = b.job_instance_id AND j.job_name = i.job_name
                 WHERE b.create_time < coalesce(a.end_time, 'infinity')
                   AND a.create_time < coalesce(b.end_time, 'infinity')
                   AND a.job_execution_id NOT IN (%s) AND b.job_execution_id NOT IN (%s)"""
                .formatted(fabricated(), fabricated()))).as("overlapping runs").isEmpty();
    }

    /** A demo execution marked STARTED, claimed by a node that went silent ten minutes ago. */
    private long leftByDeadNode(String job, String businessDate) throws Exception {
        DriverManagerDataSource data = new DriverManagerDataSource(db.url(), db.user(), "");
        JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
        factory.setDataSource(data);
        factory.setTransactionManager(new DataSourceTransactionManager(data));
        factory.afterPropertiesSet();
        JobRepository repository = factory.getObject();
        JobParameters params = new JobParametersBuilder().addLocalDate("businessDate", LocalDate.parse(businessDate))
                .addString("items", "300").toJobParameters();
        JobExecution execution = repository.createJobExecution(repository.createJobInstance(job, params), params,
                new ExecutionContext());
        execution.setStatus(BatchStatus.STARTED);
        execution.setStartTime(LocalDateTime.now());
        repository.update(execution);
        update("INSERT INTO plantsync_node (node_id, host, pid, server, heartbeat_at) VALUES ('dead-node-it',"
                + " 'elsewhere', 1, true, now() - interval '10 minutes')");
        update("INSERT INTO execution_owner (job_execution_id, node_id) VALUES (" + execution.getId()
                + ", 'dead-node-it')");
        fabricated.add(execution.getId());
        return execution.getId();
    }

    private Scheduler quartzClient() throws Exception {
        // The cluster's job store, from this JVM: it stores triggers for the nodes to fire and runs nothing itself.
        Properties p = new Properties();
        p.put("org.quartz.scheduler.instanceName", "plantsync");
        p.put("org.quartz.scheduler.instanceId", "launch-contention-it");
        p.put("org.quartz.scheduler.skipUpdateCheck", "true");
        p.put("org.quartz.threadPool.class", "org.quartz.simpl.ZeroSizeThreadPool");
        p.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.put("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.put("org.quartz.jobStore.useProperties", "true");
        p.put("org.quartz.jobStore.isClustered", "true");
        p.put("org.quartz.jobStore.dataSource", "cluster");
        p.put("org.quartz.dataSource.cluster.driver", "org.postgresql.Driver");
        p.put("org.quartz.dataSource.cluster.URL", db.url());
        p.put("org.quartz.dataSource.cluster.user", db.user());
        p.put("org.quartz.dataSource.cluster.password", "");
        p.put("org.quartz.dataSource.cluster.provider", "hikaricp");
        p.put("org.quartz.dataSource.cluster.maxConnections", "4");
        return new StdSchedulerFactory(p).getScheduler();
    }

    private static void schedule(Path dir, String id, String job, String parameters) throws Exception {
        Files.writeString(dir.resolve(id + ".yml"), "job: " + job + "\ncron: \"0 0 3 1 1 ? 2099\"\ntimeZone: UTC\n"
                + "runPerFire: true\n" + (parameters == null ? "" : "parameters:\n  " + parameters + "\n"));
    }

    private static long idOf(String json) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"id\":(\\d+)").matcher(json);
        assertThat(m.find()).as(json).isTrue();
        return Long.parseLong(m.group(1));
    }

    private void awaitStatus(long execution, String status) throws InterruptedException {
        jar.await(Duration.ofSeconds(60), "execution " + execution + " " + status,
                () -> status.equals(status(execution)));
    }

    private String status(long execution) {
        List<String> s = rows("SELECT status FROM batch_job_execution WHERE job_execution_id = " + execution);
        return s.isEmpty() ? null : s.get(0);
    }

    private long lastOfInstanceId(long execution) {
        return count("SELECT max(job_execution_id) FROM batch_job_execution WHERE job_instance_id = (SELECT"
                + " job_instance_id FROM batch_job_execution WHERE job_execution_id = " + execution + ")");
    }

    private String lastOfInstanceOf(long execution) {
        return status(lastOfInstanceId(execution));
    }

    private long count(String query) {
        return Long.parseLong(rows(query).get(0));
    }

    private void update(String statement) throws SQLException {
        try (Statement st = sql.createStatement()) {
            st.executeUpdate(statement);
        }
    }

    private synchronized List<String> rows(String query) {
        try (Statement st = sql.createStatement(); ResultSet rs = st.executeQuery(query)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }
}
