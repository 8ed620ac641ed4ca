package dev.plantsync.console;

import dev.plantsync.operations.JobControlException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** A refusal on a console page becomes a page saying why, with the status the API would give. */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
class ConsoleErrors {

    @ExceptionHandler(JobControlException.class)
    ModelAndView refused(JobControlException e) {
        HttpStatus status = switch (e.reason()) {
            case UNKNOWN_JOB, UNKNOWN_EXECUTION -> HttpStatus.NOT_FOUND;
            case BAD_PARAMETERS -> HttpStatus.BAD_REQUEST;
            default -> HttpStatus.CONFLICT;
        };
        ModelAndView page = new ModelAndView("console/refused", status);
        page.addObject("reason", e.getMessage());
        page.addObject("status", status.value());
        return page;
    }
}
