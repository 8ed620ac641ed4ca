package dev.plantsync.production;

import java.util.ArrayList;
import java.util.List;

import dev.plantsync.approvals.ApprovalRequest;
import dev.plantsync.approvals.Checkpoint;
import dev.plantsync.platform.ExceptionRecords;
import org.springframework.batch.core.step.StepExecution;

/**
 * After the checkpoint. Approved beyond tolerance: the event goes on as the MES reported it (the tolerance is not
 * asked again). Approved for a done or cancelled order: acknowledged and SKIPPED, PlantSync never changes such an
 * order (Odoo would accept it silently, wrongly); the approver books it by hand. Rejected: REJECTED with the
 * approver's reason and an exception record. The CONSUMED events that go with a PRODUCED share its decision.
 */
class CompletionDecisions implements Checkpoint.Outcome {

    private final CompletionStaging staging;
    private final ExceptionRecords exceptions;

    CompletionDecisions(CompletionStaging staging, ExceptionRecords exceptions) {
        this.staging = staging;
        this.exceptions = exceptions;
    }

    @Override
    public int apply(long instance, StepExecution step, ApprovalRequest r) {
        long id = Long.parseLong(r.businessKey());
        StagedEvent event = staging.find(id).orElse(null);
        if (event == null || !"APPROVAL".equals(event.state())) {
            return 0; // decided before a restart
        }
        List<Long> all = new ArrayList<>(List.of(id));
        all.addAll(staging.tiedTo(id));
        boolean closedOrder = r.reasonCode() != null && r.reasonCode().startsWith("MO_");
        if (r.approved() && !closedOrder) {
            staging.approved(id, r.decision(), instance);
            return 1;
        }
        for (long each : all) {
            if (r.approved()) {
                staging.state(each, "SKIPPED", r.reasonCode() + ": " + r.decision() + " (not applied: the order is "
                        + "closed in Odoo)", instance);
            } else {
                StagedEvent e = staging.find(each).orElseThrow();
                staging.ownTransaction(() -> {
                    staging.stateHere(each, "REJECTED", r.decision(), instance);
                    exceptions.record(ProductionCompletionImportJob.NAME, step.getJobExecutionId(),
                            step.getStepName(), e.fileId(), e.location(), e.key(), "REJECTED_BY_APPROVER",
                            r.decision(), null);
                });
            }
        }
        return all.size();
    }
}
