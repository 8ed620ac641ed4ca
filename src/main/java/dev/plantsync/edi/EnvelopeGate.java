package dev.plantsync.edi;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds each invoice until its interchange's trailer has been read, then passes it on with the envelope's verdict:
 * an invoice of a rejected interchange or group comes out invalid, carrying the rejection (for example "interchange
 * 000000907 rejected (TA1 R 001): IEA02 ..."). For consumers that show invoices once, like {@code edi validate}; it
 * keeps one interchange's invoices in memory. The staging step does not need it: it stages as invoices stream and
 * withdraws those of a rejected envelope in the same transaction. Call {@link #finish()} after parsing.
 */
public final class EnvelopeGate implements InvoiceSink {

    private final InvoiceSink next;
    private final List<ParsedInvoice> held = new ArrayList<>();

    public EnvelopeGate(InvoiceSink next) {
        this.next = next;
    }

    @Override
    public void invoice(ParsedInvoice parsed) {
        if (parsed.source() != null && parsed.source().interchangeControl() != null) {
            held.add(parsed);
        } else {
            next.invoice(parsed); // CSV: no envelope
        }
    }

    @Override
    public void fileError(EdiError error) {
        next.fileError(error);
    }

    @Override
    public void interchange(Interchange interchange) {
        for (ParsedInvoice parsed : held) {
            EdiError withdrawn = interchange.withdrawal(parsed.source());
            if (withdrawn == null) {
                next.invoice(parsed);
            } else {
                List<EdiError> errors = new ArrayList<>(parsed.errors());
                errors.add(withdrawn);
                next.invoice(new ParsedInvoice(parsed.invoice(), List.copyOf(errors), parsed.source(), parsed.document()));
            }
        }
        held.clear();
        next.interchange(interchange);
    }

    /** Passes on what no interchange claimed (the parsers close every interchange, so normally nothing). */
    public void finish() {
        held.forEach(next::invoice);
        held.clear();
    }
}
