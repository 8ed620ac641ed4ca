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
 * </ul>
 */
public record SloDefinition(String flow, Type type, String objective, Duration within, String documentType,
        String job, LocalTime by, String timeZone, String scopeParameter, List<String> scopes,
        Integer businessDateOffsetDays, Integer businessDays) {

    public enum Type { FILE_HANDLED_WITHIN, COMPLETED_BY, APPROVAL_DECIDED_WITHIN }

    public SloDefinition {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        timeZone = timeZone == null ? "UTC" : timeZone;
        businessDateOffsetDays = businessDateOffsetDays == null ? 0 : businessDateOffsetDays;
    }
}
