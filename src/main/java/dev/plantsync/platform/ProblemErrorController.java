package dev.plantsync.platform;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Boot's error page, except for API and actuator paths: what reaches the error page there (no such path, a method
 * the path does not take, a failure no controller caught, Tomcat's own refusals) is answered as a problem too, in
 * JSON whatever the client accepts. Console pages keep the HTML error page.
 */
@Controller
@ConditionalOnWebApplication
@RequestMapping("${server.error.path:${error.path:/error}}")
class ProblemErrorController extends BasicErrorController {

    private final ErrorAttributes attributes;

    ProblemErrorController(ErrorAttributes attributes, WebProperties web, ObjectProvider<ErrorViewResolver> views) {
        super(attributes, web.getError(), views.orderedStream().toList());
        this.attributes = attributes;
    }

    @Override
    public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
        String path = failedPath(request);
        if (!Problems.isApi(path)) {
            return super.errorHtml(request, response);
        }
        try {
            Problems.write(response, getStatus(request), problem(request, path));
        } catch (IOException e) {
            // the client went away
        }
        return null;
    }

    @Override
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        String path = failedPath(request);
        if (!Problems.isApi(path)) {
            return super.error(request);
        }
        return ResponseEntity.status(getStatus(request)).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(request, path));
    }

    private Map<String, Object> problem(HttpServletRequest request, String path) {
        HttpStatus status = getStatus(request);
        return Problems.body(status, detail(request, status, path), path);
    }

    /** The refusal's own reason when it has one (never a stack trace or an internal message of a 5xx). */
    private String detail(HttpServletRequest request, HttpStatus status, String path) {
        Throwable error = attributes.getError(new ServletWebRequest(request));
        // "No static resource ..." tells an API caller nothing: the path is simply not one of the API's.
        boolean noSuchPath = error instanceof NoResourceFoundException;
        if (error instanceof ErrorResponse response && !noSuchPath && response.getBody().getDetail() != null
                && !status.is5xxServerError()) {
            return response.getBody().getDetail();
        }
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        if (message instanceof String text && !text.isBlank() && !noSuchPath && !status.is5xxServerError()) {
            return text;
        }
        return switch (status) {
            case NOT_FOUND -> "Nothing at " + path + ": the README lists the API's paths";
            case METHOD_NOT_ALLOWED -> request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) + " does not take "
                    + "this method";
            case BAD_REQUEST -> "The request could not be read: check the URL's characters, the headers and the body";
            default -> status.is5xxServerError()
                    ? "The server could not answer; its log has the cause (look for this time and path)"
                    : status.getReasonPhrase();
        };
    }

    private static String failedPath(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? request.getRequestURI() : uri.toString();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && path.startsWith(context) ? path.substring(context.length())
                : path;
    }
}
