package dev.plantsync.console;

import java.util.List;
import java.util.Map;

import dev.plantsync.operations.ExecutionCounts;
import dev.plantsync.operations.ExecutionDetail;
import dev.plantsync.operations.ExecutionSummary;
import dev.plantsync.operations.JobControl;
import dev.plantsync.operations.JobControlException;
import dev.plantsync.platform.ExceptionRecords;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Executions: a paged list (per job, per status) and one execution with its steps and the exceptions it recorded,
 * refreshed live while it runs; operators restart, stop or abandon it here.
 */
@Controller
class ExecutionsPage {

    static final int PAGE_SIZE = 50;
    private static final int EXCEPTIONS_SHOWN = 200;

    private final JobControl jobs;
    private final ExceptionRecords exceptions;

    ExecutionsPage(JobControl jobs, ExceptionRecords exceptions) {
        this.jobs = jobs;
        this.exceptions = exceptions;
    }

    @GetMapping("/console/executions")
    String list(@RequestParam(required = false) String job, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "1") int page, Model model) {
        String jobName = Forms.optional(job);
        String state = Forms.optional(status);
        Paged<ExecutionSummary> executions = Paged.of(page, PAGE_SIZE,
                (offset, limit) -> jobs.executions(jobName, state, offset, limit));
        Map<Long, ExecutionCounts> counts = jobs.counts(executions.items().stream().map(ExecutionSummary::id).toList());
        model.addAttribute("executions", executions);
        model.addAttribute("counts", counts);
        model.addAttribute("job", jobName);
        model.addAttribute("status", state);
        model.addAttribute("jobNames", jobs.jobs().stream().map(j -> j.name()).toList());
        model.addAttribute("statuses", List.of("STARTED", "STOPPING", "STOPPED", "FAILED", "COMPLETED", "ABANDONED"));
        return "console/executions";
    }

    @GetMapping("/console/executions/{id}")
    String execution(@PathVariable long id, Model model) {
        detail(id, model);
        model.addAttribute("exceptions", exceptions.ofExecution(id, EXCEPTIONS_SHOWN));
        model.addAttribute("exceptionCount", exceptions.countOfExecution(id));
        return "console/execution";
    }

    /** The part that changes while it runs, polled by the page until the execution ends. */
    @GetMapping("/console/executions/{id}/live")
    String live(@PathVariable long id, Model model) {
        detail(id, model);
        return "console/execution :: live";
    }

    @PostMapping("/console/executions/{id}/restart")
    String restart(@PathVariable long id, Authentication auth, RedirectAttributes flash) {
        return act(id, flash, () -> {
            ExecutionSummary restarted = jobs.restart(id, ConsoleUser.of(auth).actor());
            flash.addFlashAttribute("message", "Restarted execution " + id + " as execution " + restarted.id());
            return restarted.id();
        });
    }

    @PostMapping("/console/executions/{id}/stop")
    String stop(@PathVariable long id, Authentication auth, RedirectAttributes flash) {
        return act(id, flash, () -> jobs.stop(id, ConsoleUser.of(auth).actor()),
                "Asked execution " + id + " to stop after its current chunk");
    }

    @PostMapping("/console/executions/{id}/abandon")
    String abandon(@PathVariable long id, Authentication auth, RedirectAttributes flash) {
        return act(id, flash, () -> jobs.abandon(id, ConsoleUser.of(auth).actor()),
                "Abandoned execution " + id + "; it will not be restarted");
    }

    private static String act(long id, RedirectAttributes flash, Runnable action, String done) {
        return act(id, flash, () -> {
            action.run();
            flash.addFlashAttribute("message", done);
            return id;
        });
    }

    private interface Action {
        long run();
    }

    private static String act(long id, RedirectAttributes flash, Action action) {
        try {
            return "redirect:/console/executions/" + action.run();
        } catch (JobControlException e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/console/executions/" + id;
        }
    }

    private void detail(long id, Model model) {
        ExecutionDetail detail = jobs.execution(id);
        model.addAttribute("detail", detail);
        model.addAttribute("e", detail.execution());
        model.addAttribute("attempts", jobs.executionsOfInstance(detail.execution().instanceId()));
    }
}
