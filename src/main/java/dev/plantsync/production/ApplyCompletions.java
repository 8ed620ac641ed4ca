package dev.plantsync.production;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.plantsync.odoo.OdooRecord;
import dev.plantsync.platform.ExceptionRecords;
import dev.plantsync.production.CompletionApplier.Next;
import dev.plantsync.production.CompletionApplier.Order;
import dev.plantsync.production.CompletionApplier.Run;
import dev.plantsync.production.CompletionPlan.Unit;
import dev.plantsync.production.CompletionStaging.MoMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Applies every plant's open events, order by order, each order's events in the MES's order ({@link CompletionPlan}).
 * Orders are independent: one waiting for an approver, or unknown, does not hold the others. The same step runs again
 * after the approval checkpoint, and a restart after a crash: both simply go on with what is still open (an event
 * marked but not confirmed is verified against Odoo first, see {@link CompletionApplier}).
 */
class ApplyCompletions implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ApplyCompletions.class);
    /**
     * Orders applied per chunk: the families of those seen for the first time are looked up in one Odoo search
     * ({@link CompletionApplier#families}), whose domain a hundred names keep small. Such a family only maps the
     * name to its open member; every unit reads its order again before any write, and refuses on what it reads.
     */
    static final int CHUNK = 100;

    private final ProductionSettings settings;
    private final CompletionStaging staging;
    private final CompletionApplier applier;
    private final ExceptionRecords exceptions;

    ApplyCompletions(ProductionSettings settings, CompletionStaging staging, CompletionApplier applier,
            ExceptionRecords exceptions) {
        this.settings = settings;
        this.staging = staging;
        this.applier = applier;
        this.exceptions = exceptions;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        Run run = new Run(ProductionCompletionImportJob.NAME, step.getJobExecution().getJobInstance().getId(),
                step.getJobExecutionId(), step.getStepName());
        applier.newRun();
        for (Map.Entry<String, ProductionSettings.Plant> plant : settings.plants().entrySet()) {
            List<String> names = staging.openOrders(plant.getKey());
            for (int from = 0; from < names.size(); from += CHUNK) {
                // The chunk's orders with something to apply, their units planned before any is applied (an order's
                // units are its own events: applying another order changes none of them).
                Map<String, List<Unit>> chunk = new LinkedHashMap<>();
                for (String mesName : names.subList(from, Math.min(names.size(), from + CHUNK))) {
                    List<Unit> units = CompletionPlan.units(staging.open(plant.getKey(), mesName));
                    if (!units.isEmpty() && units.get(0).kind() != CompletionPlan.Kind.HELD
                            && units.get(0).kind() != CompletionPlan.Kind.WAIT) {
                        chunk.put(mesName, units);
                    }
                }
                // The families of the names seen for the first time, in one Odoo search instead of one per name.
                Map<String, List<OdooRecord>> families = applier.families(plant.getKey(), plant.getValue(),
                        List.copyOf(chunk.keySet()));
                chunk.forEach((mesName, units) -> apply(run, contribution, plant.getKey(), plant.getValue(), mesName,
                        units, families));
            }
        }
        return RepeatStatus.FINISHED;
    }

    /** One order's units in the MES's order, until one waits for an approver. */
    private void apply(Run run, StepContribution contribution, String plant, ProductionSettings.Plant where,
            String mesName, List<Unit> units, Map<String, List<OdooRecord>> families) {
        MoMap map = applier.resolve(plant, where, mesName, families);
        if (map == null) {
            unknown(run, plant, mesName, units);
            return;
        }
        for (Unit unit : units) {
            contribution.incrementReadCount();
            Order order = new Order(plant, where, mesName, staging.map(plant, mesName).orElse(map));
            if (applier.apply(run, order, unit) == Next.HOLD) {
                break;
            }
            contribution.incrementWriteCount(1);
        }
    }

    /** No order of that name in the plant's warehouse: every open event of it is an exception record. */
    private void unknown(Run run, String plant, String mesName, List<Unit> units) {
        ProductionSettings.Plant p = settings.plant(plant);
        for (Unit unit : units) {
            if (unit.kind() == CompletionPlan.Kind.HELD) {
                break;
            }
            java.util.List<StagedEvent> events = new java.util.ArrayList<>(unit.consumed());
            if (unit.main() != null) {
                events.add(unit.main());
            }
            String reason = "no manufacturing order " + mesName + " (nor a backorder of it) in warehouse "
                    + p.warehouse() + " of Odoo";
            staging.ownTransaction(() -> events.forEach(e -> {
                staging.stateHere(e.id(), "EXCEPTION", "UNKNOWN_MO: " + reason, run.instance());
                exceptions.record(run.job(), run.execution(), run.step(), e.fileId(), e.location(), e.key(),
                        "UNKNOWN_MO", reason, null);
            }));
        }
        log.warn("plant {}: order {} is not in Odoo", plant, mesName);
    }
}
