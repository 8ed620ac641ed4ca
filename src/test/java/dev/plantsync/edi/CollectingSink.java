package dev.plantsync.edi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Keeps everything a parser produced, for assertions. */
final class CollectingSink implements InvoiceSink {

    final List<ParsedInvoice> invoices = new ArrayList<>();
    final List<EdiError> fileErrors = new ArrayList<>();
    final List<Interchange> interchanges = new ArrayList<>();

    static CollectingSink parse(String resource) {
        return parse(resource, InvoiceParsers.Options.defaults());
    }

    static CollectingSink parse(String resource, InvoiceParsers.Options options) {
        CollectingSink sink = new CollectingSink();
        try (InputStream in = CollectingSink.class.getResourceAsStream("/edi/" + resource)) {
            InvoiceParsers.parse(in, resource, options, sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sink;
    }

    @Override
    public void invoice(ParsedInvoice parsed) {
        invoices.add(parsed);
    }

    @Override
    public void fileError(EdiError error) {
        fileErrors.add(error);
    }

    @Override
    public void interchange(Interchange interchange) {
        interchanges.add(interchange);
    }

    List<String> allErrors() {
        List<String> all = new ArrayList<>();
        fileErrors.forEach(e -> all.add(e.toString()));
        invoices.forEach(i -> i.errors().forEach(e -> all.add(e.toString())));
        return all;
    }
}
