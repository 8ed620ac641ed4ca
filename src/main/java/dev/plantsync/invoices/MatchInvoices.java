package dev.plantsync.invoices;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.plantsync.odoo.OdooClient;
import dev.plantsync.sftp.Partner;
import dev.plantsync.sftp.PartnerRegistry;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Validate and match the run's staged invoices, a page at a time: duplicates against earlier invoices are rejected
 * in one SQL statement, then each page reads its Odoo side in a fixed handful of calls and decides every invoice.
 * A page is committed by itself, so a restart continues with the invoices still undecided.
 */
class MatchInvoices implements Tasklet {

    static final int PAGE = 200;

    private final InvoiceStaging staging;
    private final PartnerRegistry partners;
    private final InvoiceSettings settings;
    private final OdooClient odoo;

    MatchInvoices(InvoiceStaging staging, PartnerRegistry partners, InvoiceSettings settings, OdooClient odoo) {
        this.staging = staging;
        this.partners = partners;
        this.settings = settings;
        this.odoo = odoo;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long instance = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance().getId();
        if (chunkContext.getStepContext().getStepExecution().getCommitCount() == 0) {
            staging.rejectDuplicates(instance);
        }
        List<StagedInvoice> page = staging.undecided(instance, 0, PAGE);
        if (page.isEmpty()) {
            return RepeatStatus.FINISHED;
        }
        Set<String> vendorRefs = new LinkedHashSet<>();
        Set<String> poNames = new LinkedHashSet<>();
        Set<String> numbers = new LinkedHashSet<>();
        for (StagedInvoice i : page) {
            partners.find(i.partner()).map(Partner::odooVendorRef).ifPresent(vendorRefs::add);
            poNames.addAll(i.poNumbers());
            numbers.add(i.invoiceNumber());
        }
        Set<String> units = new LinkedHashSet<>();
        page.forEach(i -> i.lines().forEach(l -> {
            if (l.uom() != null && settings.uomCodes().containsKey(l.uom())) {
                units.add(settings.uomCodes().get(l.uom()));
            }
        }));
        PurchaseData data = PurchaseData.read(odoo, vendorRefs, poNames, numbers, units);
        Set<String> chargeProducts = chargeProductsInOdoo(page);
        Map<Long, BigDecimal> billedInRun = staging.matchedQuantities(data.linesByOrder.values().stream()
                .flatMap(List::stream).map(PurchaseData.OrderLine::id).toList());
        for (StagedInvoice i : page) {
            InvoiceDecision decision = InvoiceMatcher.decide(i, partners.find(i.partner()).orElse(null),
                    settings.policy(i.partner()), data, billedInRun, settings.uomCodes(), settings.chargeProducts(),
                    chargeProducts);
            staging.decide(i.id(), decision);
            contribution.incrementReadCount();
            if (decision.outcome() == InvoiceDecision.Outcome.MATCHED) {
                contribution.incrementWriteCount(1);
            } else {
                contribution.incrementFilterCount(1);
            }
        }
        // Each call is its own transaction: this page is decided and committed; the next call takes the next page.
        return RepeatStatus.CONTINUABLE;
    }

    /**
     * Which of the products the page's charges and allowances are mapped to exist in Odoo (default codes), read in one
     * call: one whose product is missing would be billed without one.
     */
    private Set<String> chargeProductsInOdoo(List<StagedInvoice> page) {
        Set<String> codes = new LinkedHashSet<>();
        page.forEach(i -> i.chargeLines().forEach(c -> {
            String product = settings.chargeProducts().get(c.code());
            if (product != null && c.amount().signum() != 0) {
                codes.add(product);
            }
        }));
        Set<String> found = new java.util.HashSet<>();
        if (!codes.isEmpty()) {
            odoo.searchRead("product.product", dev.plantsync.odoo.Domain.in("default_code", codes),
                    List.of("default_code")).forEach(r -> found.add(r.getString("default_code")));
        }
        return found;
    }
}
