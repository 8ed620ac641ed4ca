package dev.plantsync.platform;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Every refusal of the REST controllers as an RFC 7807 problem: Spring MVC's own (unreadable JSON, wrong content
 * type, a path or query value of the wrong type, {@code ResponseStatusException}...) with a detail saying what to
 * send instead. Controllers' own {@code @ExceptionHandler}s (their refusals of job control) come first. Requests no
 * controller took, and security refusals, are answered in the same shape by {@link ProblemErrorController} and
 * {@link ApiRefusals}.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiProblems extends ResponseEntityExceptionHandler {

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        Class<?> type = e.getRequiredType();
        String expected = type == null ? "a value of another type"
                : type == long.class || type == Long.class || type == int.class || type == Integer.class
                        ? "a whole number"
                        : type.isEnum() ? "one of " + java.util.Arrays.toString(type.getEnumConstants())
                                : "a " + type.getSimpleName();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
                name + " must be " + expected + ", not '" + e.getValue() + "'");
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String sent = e.getContentType() == null ? "none" : e.getContentType().getType() + "/"
                + e.getContentType().getSubtype();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "Content-Type " + sent
                + " is not supported here: send JSON with Content-Type: application/json");
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = "The request body is missing or is not the JSON expected";
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof JacksonException json) {
            detail = "The request body is not the JSON expected" + (json.getLocation() == null ? ""
                    : " (line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr()
                            + ")") + ": " + json.getOriginalMessage();
        }
        return handleExceptionInternal(e, ProblemDetail.forStatusAndDetail(status, detail), headers, status,
                request);
    }
}
