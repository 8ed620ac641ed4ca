package dev.plantsync.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.plantsync.operations.ExecutionCounts;
import dev.plantsync.operations.ExecutionSummary;
import dev.plantsync.operations.JobControl;
import dev.plantsync.operations.JobControlException;
import dev.plantsync.operations.JobSchedules;
import dev.plantsync.operations.JobSummary;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Every job with its schedules and last execution; operators launch from here. */
@Controller
class JobsPage {

    /** One line of the jobs table. */
    record Row(String name, List<JobSchedules.View> schedules, ExecutionSummary last, ExecutionCounts counts) {
    }

    private final JobControl jobs;
    private final JobSchedules schedules;

    JobsPage(JobControl jobs, JobSchedules schedules) {
        this.jobs = jobs;
        this.schedules = schedules;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/console/jobs";
    }

    @GetMapping("/console/jobs")
    String jobs(Model model) {
        List<JobSummary> all = jobs.jobs();
        Map<String, List<JobSchedules.View>> byJob = schedules.all().stream()
                .collect(Collectors.groupingBy(JobSchedules.View::job, LinkedHashMap::new, Collectors.toList()));
        Map<Long, ExecutionCounts> counts = jobs.counts(all.stream().filter(j -> j.lastExecution() != null)
                .map(j -> j.lastExecution().id()).toList());
        model.addAttribute("rows", all.stream().map(j -> new Row(j.name(), byJob.getOrDefault(j.name(), List.of()),
                j.lastExecution(), j.lastExecution() == null ? null
                        : counts.getOrDefault(j.lastExecution().id(), ExecutionCounts.NONE))).toList());
        return "console/jobs";
    }

    /** {@code parameters}: one {@code key=value} per line (businessDate=yyyy-MM-dd names the run). */
    @PostMapping("/console/jobs/{job}/launch")
    String launch(@PathVariable String job, @RequestParam(defaultValue = "") String parameters,
            Authentication auth, RedirectAttributes flash) {
        try {
            ExecutionSummary started = jobs.launch(job, parse(parameters), ConsoleUser.of(auth).actor());
            flash.addFlashAttribute("message", "Launched " + job + " as execution " + started.id());
            return "redirect:/console/executions/" + started.id();
        } catch (JobControlException e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/console/jobs";
        }
    }

    static Map<String, String> parse(String text) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String line : text.split("[\\r\\n]+")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                throw new JobControlException(JobControlException.Reason.BAD_PARAMETERS,
                        "parameter '" + trimmed + "' is not key=value");
            }
            parameters.put(trimmed.substring(0, eq).strip(), trimmed.substring(eq + 1).strip());
        }
        return parameters;
    }
}
