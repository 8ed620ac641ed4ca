package dev.plantsync.console;

import java.util.List;

import dev.plantsync.monitoring.BusinessTrace;
import dev.plantsync.monitoring.ClusterNodes;
import dev.plantsync.monitoring.DependencyProbes;
import dev.plantsync.monitoring.SloMonitor;
import dev.plantsync.operations.JobControl;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Is the business getting done: each objective met or breached (with the records concerned), each dependency
 * reachable and how fast, the nodes of the cluster and what runs now; and the trace of one invoice, product or
 * manufacturing order.
 */
@Controller
class HealthPage {

    private final SloMonitor slos;
    private final DependencyProbes probes;
    private final ClusterNodes nodes;
    private final JobControl jobs;
    private final BusinessTrace trace;

    HealthPage(SloMonitor slos, DependencyProbes probes, ClusterNodes nodes, JobControl jobs, BusinessTrace trace) {
        this.slos = slos;
        this.probes = probes;
        this.nodes = nodes;
        this.jobs = jobs;
        this.trace = trace;
    }

    @GetMapping("/console/health")
    String health(Model model) {
        model.addAttribute("slos", slos.status());
        model.addAttribute("probes", probes.last());
        model.addAttribute("nodes", nodes.recent());
        model.addAttribute("running", jobs.executions(null, "STARTED", 0, 50));
        return "console/health";
    }

    @GetMapping("/console/trace")
    String trace(@RequestParam(required = false) String invoice, @RequestParam(required = false) String product,
            @RequestParam(required = false) String mo, Model model) {
        String number = Forms.optional(invoice);
        String code = Forms.optional(product);
        String order = Forms.optional(mo);
        model.addAttribute("invoice", number);
        model.addAttribute("product", code);
        model.addAttribute("mo", order);
        model.addAttribute("searched", number != null || code != null || order != null);
        model.addAttribute("journeys", number != null ? trace.invoice(number)
                : code != null ? trace.product(code)
                : order != null ? trace.manufacturingOrder(order) : List.of());
        return "console/trace";
    }
}
