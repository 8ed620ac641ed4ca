package dev.plantsync.operations;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import dev.plantsync.platform.Actor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The operator operations of {@link JobControl} over HTTP, JSON in and out. */
@RestController
@RequestMapping("/api/jobs")
class JobsController {

    private final JobControl jobs;

    JobsController(JobControl jobs) {
        this.jobs = jobs;
    }

    @GetMapping
    List<JobSummary> jobs() {
        return jobs.jobs();
    }

    @GetMapping("/{job}/executions")
    List<ExecutionSummary> executions(@PathVariable String job, @RequestParam(defaultValue = "20") int limit) {
        return jobs.executions(job, Math.min(Math.max(limit, 1), 500));
    }

    @PostMapping("/{job}/launch")
    ResponseEntity<ExecutionSummary> launch(@PathVariable String job,
            @RequestBody(required = false) Map<String, String> parameters, Principal user) {
        ExecutionSummary started = jobs.launch(job, parameters == null ? Map.of() : parameters, actor(user));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(started);
    }

    @GetMapping("/executions/{id}")
    ExecutionDetail execution(@PathVariable long id) {
        return jobs.execution(id);
    }

    @PostMapping("/executions/{id}/restart")
    ResponseEntity<ExecutionSummary> restart(@PathVariable long id, Principal user) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(jobs.restart(id, actor(user)));
    }

    @PostMapping("/executions/{id}/stop")
    ResponseEntity<ExecutionDetail> stop(@PathVariable long id, Principal user) {
        jobs.stop(id, actor(user));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(jobs.execution(id));
    }

    @PostMapping("/executions/{id}/abandon")
    ExecutionDetail abandon(@PathVariable long id, Principal user) {
        jobs.abandon(id, actor(user));
        return jobs.execution(id);
    }

    /**
     * A refusal as an RFC 7807 problem whose title is the reason: 404 for what does not exist, 400 for bad parameters,
     * 409 for a run already going or done, 503 with Retry-After when the node or the job repository is busy (nothing
     * was started; the same request later will do).
     */
    @ExceptionHandler(JobControlException.class)
    ResponseEntity<ProblemDetail> refused(JobControlException e) {
        HttpStatus status = switch (e.reason()) {
            case UNKNOWN_JOB, UNKNOWN_EXECUTION -> HttpStatus.NOT_FOUND;
            case BAD_PARAMETERS -> HttpStatus.BAD_REQUEST;
            case BUSY -> HttpStatus.SERVICE_UNAVAILABLE;
            default -> HttpStatus.CONFLICT;
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setTitle(e.reason().name());
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status);
        e.retryAfter().ifPresent(after -> answer.header(HttpHeaders.RETRY_AFTER,
                String.valueOf(Math.max(1, after.toSeconds()))));
        return answer.contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static Actor actor(Principal user) {
        return new Actor(user.getName(), "api");
    }
}
