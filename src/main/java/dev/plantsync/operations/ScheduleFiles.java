package dev.plantsync.operations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.quartz.CronExpression;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads {@code schedules/*.yml}, one schedule per file, the file name (without .yml) being its id. Every problem in
 * every file is collected and reported together, naming the file and the field, so an operator fixes them in one go.
 */
final class ScheduleFiles {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private ScheduleFiles() {
    }

    /** The file's fields; the id comes from the file name. */
    record Entry(String job, String cron, String timeZone, Boolean enabled, ScheduleDefinition.MisfirePolicy misfirePolicy,
            Integer businessDateOffsetDays, Map<String, String> parameters, String description, Boolean runPerFire) {
    }

    static List<ScheduleDefinition> read(Path dir, Set<String> knownJobs) {
        List<ScheduleDefinition> schedules = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            throw new InvalidScheduleException("cannot list schedules in " + dir + ": " + e.getMessage());
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            String id = name.replaceFirst("\\.ya?ml$", "");
            try {
                Entry e = YAML.readValue(file.toFile(), Entry.class);
                List<String> own = validate(e, knownJobs);
                if (!own.isEmpty()) {
                    own.forEach(p -> problems.add(name + ": " + p));
                    continue;
                }
                schedules.add(new ScheduleDefinition(id, e.job(), e.cron().trim(), e.timeZone(),
                        e.enabled() == null || e.enabled(), e.misfirePolicy(),
                        e.businessDateOffsetDays() == null ? 0 : e.businessDateOffsetDays(), e.parameters(),
                        e.description(), Boolean.TRUE.equals(e.runPerFire())));
            } catch (RuntimeException e) {
                problems.add(name + ": " + e.getMessage().lines().findFirst().orElse("unreadable"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidScheduleException("invalid schedules in " + dir + ":\n  " + String.join("\n  ", problems));
        }
        return schedules;
    }

    private static List<String> validate(Entry e, Set<String> knownJobs) {
        List<String> problems = new ArrayList<>();
        if (e.job() == null || !knownJobs.contains(e.job())) {
            problems.add("job '" + e.job() + "' is not a PlantSync job (jobs: " + String.join(", ", new java.util.TreeSet<>(knownJobs))
                    + ")");
        }
        if (e.cron() == null || !CronExpression.isValidExpression(e.cron().trim())) {
            problems.add("cron '" + e.cron() + "' is not a Quartz cron expression (sec min hour day month weekday)");
        }
        if (e.timeZone() == null) {
            problems.add("timeZone is missing (e.g. Europe/Berlin)");
        } else {
            try {
                ZoneId.of(e.timeZone());
            } catch (DateTimeException ex) {
                problems.add("timeZone '" + e.timeZone() + "' is not a known zone id");
            }
        }
        return problems;
    }
}
