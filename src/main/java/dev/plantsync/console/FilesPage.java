package dev.plantsync.console;

import java.util.List;

import dev.plantsync.sftp.InboundFiles;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Files partners dropped, per partner and state, with the reason of each quarantine and the acknowledgements sent. */
@Controller
class FilesPage {

    private static final int PAGE_SIZE = 50;

    private final InboundFiles files;

    FilesPage(InboundFiles files) {
        this.files = files;
    }

    @GetMapping("/console/files")
    String files(@RequestParam(required = false) String partner, @RequestParam(required = false) String state,
            @RequestParam(defaultValue = "1") int page, Model model) {
        String p = Forms.optional(partner);
        String st = Forms.optional(state);
        model.addAttribute("files", Paged.of(page, PAGE_SIZE, (offset, limit) -> files.list(p, st, offset, limit)));
        model.addAttribute("counts", files.countsByPartner());
        model.addAttribute("partner", p);
        model.addAttribute("state", st);
        model.addAttribute("states", List.of("CLAIMED", "STAGED", "PROCESSED", "DUPLICATE", "QUARANTINED"));
        return "console/files";
    }
}
