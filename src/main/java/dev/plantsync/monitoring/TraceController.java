package dev.plantsync.monitoring;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code GET /api/trace/invoices/{number}} and {@code /api/trace/products/{code}}: journeys, 404 when unknown. */
@RestController
@RequestMapping("/api/trace")
class TraceController {

    private final BusinessTrace trace;

    TraceController(BusinessTrace trace) {
        this.trace = trace;
    }

    @GetMapping("/invoices/{number}")
    ResponseEntity<List<BusinessTrace.Journey>> invoice(@PathVariable String number) {
        return found(trace.invoice(number), "no journey of invoice " + number);
    }

    @GetMapping("/products/{code}")
    ResponseEntity<List<BusinessTrace.Journey>> product(@PathVariable String code) {
        return found(trace.product(code), "no journey of product " + code);
    }

    private static ResponseEntity<List<BusinessTrace.Journey>> found(List<BusinessTrace.Journey> journeys,
            String none) {
        if (journeys.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, none + " (the number or code as sent by the "
                    + "partner or as in Odoo)");
        }
        return ResponseEntity.ok(journeys);
    }
}
