package dev.plantsync.monitoring;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/trace/invoices/{number}}, {@code /api/trace/products/{code}} and {@code /api/trace/mos/{name}}:
 * journeys, 404 when unknown.
 */
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

    /**
     * Order names hold slashes (WH/MO/00017): they are taken as they are, rest of the path and all, since an encoded
     * slash (%2F) is refused by the firewall before it gets here.
     */
    @GetMapping("/mos/{*name}")
    ResponseEntity<List<BusinessTrace.Journey>> manufacturingOrder(@PathVariable String name) {
        String mo = name.startsWith("/") ? name.substring(1) : name;
        if (mo.isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "the manufacturing order's name is missing");
        }
        return found(trace.manufacturingOrder(mo), "no journey of manufacturing order " + mo);
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
