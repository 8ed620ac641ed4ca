package dev.plantsync.operations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.plantsync.sftp.PartnerRegistry;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * {@code plantsync config check}: loads every job's settings file ({@code jobs/*.yml}) as the application binds it,
 * the partner registry and the schedules, and collects every problem with its file and field, so an operator fixes
 * them in one go before a node starts (where the first bad setting would stop it, or a misspelt job name in a recovery
 * policy would silently leave a killed run for a person).
 */
public final class ConfigCheck {

    /** One problem: the file, the setting (or what part of the file), and why. */
    public record Problem(String file, String field, String why) {
        @Override
        public String toString() {
            return file + ": " + field + ": " + why;
        }
    }

    // A settings class's own message often starts with the setting it is about ("plantsync.x.y: ..."): use it.
    private static final Pattern LEADING_KEY = Pattern.compile("^(plantsync\\.[a-z0-9.\\[\\]-]+): (.*)$",
            Pattern.DOTALL);

    private ConfigCheck() {
    }

    /** The capabilities' contributions, as found on the class path. */
    public static List<JobSettingsContribution> contributions() {
        List<JobSettingsContribution> all = new ArrayList<>();
        ServiceLoader.load(JobSettingsContribution.class).forEach(all::add);
        return all;
    }

    public static List<Problem> run(Path jobsDir, Path partnersFile, Path schedulesDir,
            List<JobSettingsContribution> contributions) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Bindable<?>> sections = new LinkedHashMap<>();
        Set<String> jobs = new TreeSet<>();
        // read one by one with @Value, not with the rest of their section
        Set<String> single = new java.util.HashSet<>(Set.of("plantsync.recovery.heartbeat-interval"));
        for (JobSettingsContribution c : contributions) {
            sections.putAll(c.sections());
            jobs.addAll(c.jobs());
            single.addAll(c.singleSettings());
        }
        sections.put("plantsync.recovery", Bindable.of(RecoverySettings.class));
        if (!Files.isDirectory(jobsDir)) {
            problems.add(new Problem(jobsDir.toAbsolutePath().normalize().toString(), "jobs/",
                    "no job settings here (set plantsync.config-dir / PLANTSYNC_CONFIG_DIR)"));
        } else {
            for (Path file : yamlFiles(jobsDir, problems)) {
                if (!file.toAbsolutePath().normalize().equals(partnersFile.toAbsolutePath().normalize())
                        && !file.getFileName().toString().equals("partners.yml")) {
                    checkSettings(file, sections, jobs, single, problems);
                }
            }
        }
        checkPartners(partnersFile, problems);
        checkSchedules(schedulesDir, jobs, problems);
        return problems;
    }

    private static List<Path> yamlFiles(Path dir, List<Problem> problems) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            problems.add(new Problem(dir.toString(), "jobs/", "cannot list: " + e.getMessage()));
            return List.of();
        }
    }

    private static void checkSettings(Path file, Map<String, Bindable<?>> sections, Set<String> jobs,
            Set<String> single, List<Problem> problems) {
        String name = file.toString();
        List<PropertySource<?>> sources;
        try {
            sources = new YamlPropertySourceLoader().load(name, new FileSystemResource(file));
        } catch (IOException | RuntimeException e) {
            String message = String.valueOf(rootCause(e).getMessage());
            Matcher at = Pattern.compile("line (\\d+), column").matcher(message);
            problems.add(new Problem(at.find() ? name + ":" + at.group(1) : name, "(yaml)", firstLine(rootCause(e))));
            return;
        }
        Binder binder = new Binder(ConfigurationPropertySources.from(sources));
        for (Map.Entry<String, Bindable<?>> section : sections.entrySet()) {
            Collecting collecting = new Collecting(name, problems);
            binder.bind(section.getKey(), section.getValue(), collecting).ifBound(bound -> {
                if (bound instanceof RecoverySettings recovery) {
                    // a policy for a job that does not exist is never applied: say so
                    recovery.jobs().keySet().stream().filter(j -> !jobs.contains(j)).forEach(j -> problems.add(
                            new Problem(name, "plantsync.recovery.jobs." + j, "'" + j + "' is not a PlantSync job "
                                    + "(jobs: " + String.join(", ", jobs) + ")")));
                }
            });
            // a misspelt setting is never read: every setting under the prefix must bind to something
            try {
                binder.bind(section.getKey(), section.getValue(), new NoUnboundElementsBindHandler(new BindHandler() {
                    @Override
                    public Object onFailure(ConfigurationPropertyName n, Bindable<?> t, BindContext c, Exception e) {
                        return null; // reported above
                    }
                }));
            } catch (BindException e) {
                if (e.getCause() instanceof UnboundConfigurationPropertiesException unbound) {
                    unbound.getUnboundProperties().stream()
                            .filter(p -> !single.contains(p.getName().toString())
                                    && !collecting.failed.contains(p.getName().toString()))
                            .forEach(p -> problems.add(new Problem(name + Collecting.line(p), p.getName().toString(),
                                    "unknown setting (misspelt? it is never read)")));
                } // any other failure was reported by the first pass
            }
        }
    }

    private static void checkPartners(Path file, List<Problem> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(new Problem(file.toString(), "partners", "no partner registry here (set "
                    + "plantsync.sftp.partners-file or plantsync.config-dir)"));
            return;
        }
        try {
            PartnerRegistry.load(file);
        } catch (RuntimeException e) {
            String why = firstLine(e);
            String prefix = "cannot read the partner registry " + file + ": ";
            problems.add(new Problem(file.toString(), "partners", why.startsWith(prefix)
                    ? why.substring(prefix.length()) : why));
        }
    }

    private static void checkSchedules(Path dir, Set<String> jobs, List<Problem> problems) {
        if (!Files.isDirectory(dir)) {
            problems.add(new Problem(dir.toString(), "schedules/", "no schedules directory here"));
            return;
        }
        try {
            ScheduleFiles.read(dir, jobs);
        } catch (InvalidScheduleException e) {
            // "invalid schedules in DIR:" then one "file: problem" per line
            e.getMessage().lines().skip(1).map(String::strip).forEach(line -> {
                int colon = line.indexOf(": ");
                String rest = colon < 0 ? line : line.substring(colon + 2);
                String f = rest.matches("(job|cron|timeZone)\\b.*") ? rest.substring(0, rest.indexOf(' ') < 0
                        ? rest.length() : rest.indexOf(' ')) : "(file)";
                problems.add(new Problem(colon < 0 ? dir.toString() : dir.resolve(line.substring(0, colon)).toString(),
                        f, rest));
            });
            if (e.getMessage().lines().count() <= 1) {
                problems.add(new Problem(dir.toString(), "schedules/", e.getMessage()));
            }
        }
    }

    /** Records every failure (with the setting and its line) and binds on, so one run lists them all. */
    private static final class Collecting implements BindHandler {

        private final String file;
        final Set<String> failed = new java.util.HashSet<>();
        private final List<Problem> problems;

        Collecting(String file, List<Problem> problems) {
            this.file = file;
            this.problems = problems;
        }

        @Override
        public Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
                Exception error) {
            ConfigurationProperty property = context.getConfigurationProperty();
            String field = property != null ? property.getName().toString() : name.toString();
            String why = firstLine(rootCause(error));
            Matcher own = LEADING_KEY.matcher(why);
            if (own.matches()) {
                field = own.group(1);
                why = own.group(2);
            } else if (property != null && property.getValue() != null) {
                Class<?> type = target.getType().resolve();
                why = "'" + property.getValue() + "': " + (type != null && type.isEnum()
                        ? "not one of " + java.util.Arrays.toString(type.getEnumConstants()) : why);
            }
            failed.add(property != null ? property.getName().toString() : name.toString());
            problems.add(new Problem(file + line(property), field, why));
            return null; // bind on without it: the next problem is found too
        }

        static String line(ConfigurationProperty property) {
            Origin origin = property == null ? null : Origin.from(property);
            while (origin != null && !(origin instanceof TextResourceOrigin)) {
                origin = origin instanceof org.springframework.boot.origin.PropertySourceOrigin p ? p.getOrigin()
                        : origin.getParent();
            }
            return origin instanceof TextResourceOrigin text && text.getLocation() != null
                    ? ":" + (text.getLocation().getLine() + 1) : "";
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
