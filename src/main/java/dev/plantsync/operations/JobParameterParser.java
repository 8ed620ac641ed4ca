package dev.plantsync.operations;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * Turns {@code key=value} pairs from the CLI, the REST API or a schedule into job parameters the same way
 * everywhere, so the same business date always names the same job instance whoever launched it.
 * {@code businessDate} (ISO date, default today in the configured zone) identifies the run; other values are
 * identifying strings that jobs convert themselves.
 */
public final class JobParameterParser {

    static final String BUSINESS_DATE = "businessDate";

    private JobParameterParser() {
    }

    static JobParameters parse(Map<String, String> raw, Clock clock) {
        Map<String, String> sorted = new TreeMap<>(raw);
        JobParametersBuilder builder = new JobParametersBuilder();
        String date = sorted.remove(BUSINESS_DATE);
        builder.addLocalDate(BUSINESS_DATE, date == null ? LocalDate.now(clock) : parseDate(date), true);
        sorted.forEach((key, value) -> {
            if (key.isBlank() || !key.matches("[A-Za-z][A-Za-z0-9_.-]*")) {
                throw new JobControlException(JobControlException.Reason.BAD_PARAMETERS,
                        "parameter name '" + key + "' is not valid (letters, digits, _ . - only)");
            }
            builder.addString(key, value, true);
        });
        return builder.toJobParameters();
    }

    /** Parses {@code key=value} words as typed on a command line. */
    public static Map<String, String> fromPairs(Iterable<String> pairs) {
        Map<String, String> map = new TreeMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new JobControlException(JobControlException.Reason.BAD_PARAMETERS,
                        "parameter '" + pair + "' is not of the form key=value");
            }
            map.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return map;
    }

    private static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new JobControlException(JobControlException.Reason.BAD_PARAMETERS,
                    "businessDate '" + text + "' is not an ISO date (yyyy-MM-dd)");
        }
    }
}
