package dev.plantsync.console;

import java.util.List;

import dev.plantsync.monitoring.PlantLoopStatus;
import dev.plantsync.production.ProductionSettings;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The plant loop per plant, for production and operations: the orders released to the MES with their latest version
 * and its acknowledgement, the MES's completion events still open (waiting for a run, for an approver, or in exception
 * with the reason) and the lag from the shop floor to Odoo. Read-only: approvals are decided on the Approvals page.
 */
@Controller
class ProductionPage {

    static final int ORDERS_PAGE = 50;
    static final int OPEN_EVENTS = 200;
    static final int RECENT_EVENTS = 50;

    private final PlantLoopStatus status;
    private final ProductionSettings settings;

    ProductionPage(PlantLoopStatus status, ProductionSettings settings) {
        this.status = status;
        this.settings = settings;
    }

    @GetMapping("/console/production")
    String production(@RequestParam(required = false) String plant, @RequestParam(defaultValue = "1") int page,
            Model model) {
        List<String> plants = status.plants(settings.plants().keySet());
        String chosen = Forms.optional(plant);
        if (chosen == null && !plants.isEmpty()) {
            chosen = plants.get(0);
        }
        model.addAttribute("plants", plants);
        model.addAttribute("plant", chosen);
        if (chosen != null) {
            String p = chosen;
            model.addAttribute("overview", status.overview(p, OPEN_EVENTS, RECENT_EVENTS));
            model.addAttribute("orders", Paged.of(page, ORDERS_PAGE,
                    (offset, limit) -> status.released(p, offset, limit)));
            model.addAttribute("openLimit", OPEN_EVENTS);
        }
        return "console/production";
    }
}
