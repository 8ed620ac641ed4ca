package dev.plantsync.production;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import dev.plantsync.odoo.OdooClient;
import dev.plantsync.platform.ExceptionRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Step {@code stage-releases}: the run's file is opened (its name fixed now, never reused: plant, time and run id),
 * then the plant's orders written since the last delivered run's newest write (less {@code release-overlap}) are read
 * a page ({@code release-chunk}, by id) per transaction and what is to be sent of each is staged with its version and
 * fingerprint (a backorder with the name the MES knows its family by, {@link BackorderOrigins}), the read position
 * committed with it, so a restart reads on from there. A restart after staging finished stages nothing again: the
 * file stays what it was, whatever Odoo says meanwhile (the next run sends that).
 */
final class StageReleases implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(StageReleases.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    static final String UNRELEASABLE = "UNRELEASABLE_ORDER";

    private final OdooClient odoo;
    private final ReleaseStaging staging;
    private final ProductionSettings settings;
    private final ExceptionRecords exceptions;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration overlap;

    StageReleases(OdooClient odoo, ReleaseStaging staging, ProductionSettings settings, ExceptionRecords exceptions,
            JdbcClient jdbc, Clock clock, Duration overlap) {
        this.odoo = odoo;
        this.staging = staging;
        this.settings = settings;
        this.exceptions = exceptions;
        this.jdbc = jdbc;
        this.clock = clock;
        this.overlap = overlap;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        long instance = step.getJobExecution().getJobInstance().getId();
        String code = ReleaseRun.plant(step.getJobParameters(), settings);
        ProductionSettings.Plant plant = settings.plant(code);
        ReleaseStaging.ReleaseFile file = staging.fileOf(instance).orElse(null);
        if (file == null) {
            // Later writes committed late carry an earlier write_date: read again from a little before the cursor.
            LocalDateTime from = staging.cursor(code).map(c -> c.writeDate().minus(overlap)).orElse(null);
            String name = "releases-" + code + "-" + STAMP.format(LocalDateTime.now(clock)) + "-" + instance + "."
                    + plant.format();
            file = staging.open(instance, code, plant.partner(), name, plant.format(), from);
            log.info("plant {}: release file {}, reading orders changed since {}", code, name,
                    from == null ? "ever (first run)" : from);
        }
        if (!"STAGING".equals(file.state())) {
            return RepeatStatus.FINISHED; // staged by an earlier execution of this run
        }
        List<Integer> types = step.getExecutionContext().containsKey("operationTypes")
                ? operationTypes(step) : remember(step, PlantOperationTypes.of(odoo, code, plant));
        // The first run releases what is open now; later ones also withdraw what was cancelled since.
        boolean withCancelled = file.readFrom() != null;
        int afterId = file.readMoId() != null ? file.readMoId() : 0;
        int chunk = settings.releaseChunk();
        List<ReleasableOrders.Order> orders = new BackorderOrigins(odoo, staging, code).named(
                new ReleasableOrders(odoo, plant).page(types, withCancelled, file.readFrom(), afterId, chunk));
        Map<Integer, ReleaseStaging.Previous> previous = staging.previous(code,
                orders.stream().map(ReleasableOrders.Order::id).toList());
        for (ReleasableOrders.Order order : orders) {
            contribution.incrementReadCount();
            if (order.problem() != null && !order.cancelled()) {
                staging.unstage(file, order.id());
                unreleasable(step, code, order);
                continue;
            }
            ReleaseDecision decision = ReleaseDecision.of(order, previous.get(order.id()));
            if (decision == null) {
                staging.unstage(file, order.id()); // staged earlier in this run, back to what was released
                continue;
            }
            staging.stage(file, order.id(), order.name(), decision.version(), decision.change(), decision.changes(),
                    decision.fingerprint(), order.content().toJson());
            contribution.incrementWriteCount(1);
        }
        if (!orders.isEmpty()) {
            // the page's last id, and the newest write seen: where the next run's window starts (less the overlap)
            staging.advance(file, orders.stream().map(ReleasableOrders.Order::writeDate)
                    .max(LocalDateTime::compareTo).orElseThrow(), orders.get(orders.size() - 1).id());
        }
        if (orders.size() < chunk) {
            staging.staged(file);
            return RepeatStatus.FINISHED;
        }
        return RepeatStatus.CONTINUABLE;
    }

    /** Recorded once while the order stays as it is (each run re-reads the last minutes). */
    private void unreleasable(StepExecution step, String plant, ReleasableOrders.Order order) {
        String message = "plant " + plant + ": " + order.name() + " cannot be released: " + order.problem()
                + "; it is released with the next change of the order once this is put right";
        boolean known = jdbc.sql("""
                SELECT count(*) FROM exception_record WHERE job_name = :job AND business_key = :key
                   AND reason_code = :code AND message = :message AND replayed_at IS NULL""")
                .param("job", ProductionOrderReleaseJob.NAME).param("key", order.name()).param("code", UNRELEASABLE)
                .param("message", message).query(Integer.class).single() > 0;
        if (!known) {
            log.warn(message);
            exceptions.record(ProductionOrderReleaseJob.NAME, step.getJobExecutionId(), step.getStepName(), null,
                    "mrp.production," + order.id(), order.name(), UNRELEASABLE, message, null);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> operationTypes(StepExecution step) {
        return (List<Integer>) step.getExecutionContext().get("operationTypes");
    }

    private static List<Integer> remember(StepExecution step, List<Integer> types) {
        step.getExecutionContext().put("operationTypes", new java.util.ArrayList<>(types));
        return types;
    }
}
