package dev.plantsync.monitoring;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

/**
 * One service level objective, from {@code plantsync.slos.<name>} in {@code jobs/*.yml}. The type says what is
 * measured; the other fields are its parameters:
 * <ul>
 * <li>{@code FILE_HANDLED_WITHIN}: every file of {@code document-type} is handled {@code within} its drop (invoices:
 * posted, rejected or waiting in the approval queue);</li>
 * <li>{@code COMPLETED_BY}: {@code job} completed (or stopped waiting for an approver) for each of {@code scopes} (the
 * value of job parameter {@code scope-parameter}) by {@code by} in {@code time-zone}, for the business date
 * {@code business-date-offset-days} from that day;</li>
 * <li>{@code APPROVAL_DECIDED_WITHIN}: no approval of {@code job} (any when blank) waits longer than
 * {@code business-days} working days (Monday to Friday in {@code time-zone}).</li>
 * <li>{@code EVENT_APPLIED_WITHIN}: every MES completion event ({@code mes_event}) of the plants in {@code scopes}
 * (all when empty) is handled {@code within} of its {@code event_time}: applied to Odoo, waiting for an approver,
 * rejected, skipped or set aside as an exception. Measured from when it happened on the shop floor, not from when
 * PlantSync read it: a MES that delivers its file late breaks the objective as much as a run that is late, and the
 * breach names both times so the two are told apart.</li>
 * </ul>
 */
public record SloDefinition(String flow, Type type, String objective, Duration within, String documentType,
        String job, LocalTime by, String timeZone, String scopeParameter, List<String> scopes,
        Integer businessDateOffsetDays, Integer businessDays) {

    public enum Type { FILE_HANDLED_WITHIN, COMPLETED_BY, APPROVAL_DECIDED_WITHIN, EVENT_APPLIED_WITHIN }

    public SloDefinition {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        timeZone = timeZone == null ? "UTC" : timeZone;
        businessDateOffsetDays = businessDateOffsetDays == null ? 0 : businessDateOffsetDays;
    }
}
