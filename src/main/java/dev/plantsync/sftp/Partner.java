package dev.plantsync.sftp;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A trading partner's SFTP drop as {@code jobs/partners.yml} describes it. Secrets are referenced, never held:
 * {@code privateKeyFile} (with {@code passphraseEnv}) or {@code passwordEnv} name where the secret lives.
 *
 * @param patterns        glob patterns per document type, e.g. {@code invoice: ["*.edi", "*.x12"]}
 * @param doneMarker      when set (e.g. ".done"), a file is complete once "name.done" exists beside it
 * @param ediIds          the partner's EDI identifiers (ISA06 / UNB sender), for sender checks
 * @param odooVendorRef   the Odoo vendor ({@code res.partner.ref}) this partner's invoices belong to
 * @param localDirectory  instead of a host: a directory on this machine that plays the drop (plants without SFTP);
 *                        inbound, processing, archive, error and outbound are directories below it
 * @param csvColumns      the partner's CSV column names -> ours ({@code jobs/supplier-invoices.csv.md}), e.g.
 *                        {@code item_code: buyer_item}; a column neither ours nor mapped stops the file
 * @param attachInvoices  whether each bill gets its invoice's own part of the partner's file attached (default true;
 *                        false for partners whose files finance does not want copied into Odoo)
 */
public record Partner(String id, String host, Integer port, String user, Path privateKeyFile, String passphraseEnv,
        String passwordEnv, Path knownHostsFile, String inbound, String processing, String archive, String error,
        String outbound, Map<String, List<String>> patterns, String doneMarker, List<String> ediIds,
        String odooVendorRef, Long maxFileBytes, Path localDirectory, Map<String, String> csvColumns,
        Boolean attachInvoices) {

    public Partner {
        port = port == null ? 22 : port;
        inbound = inbound == null ? "/inbound" : inbound;
        processing = processing == null ? "/processing" : processing;
        archive = archive == null ? "/archive" : archive;
        error = error == null ? "/error" : error;
        outbound = outbound == null ? "/outbound" : outbound;
        patterns = patterns == null ? Map.of() : Map.copyOf(patterns);
        ediIds = ediIds == null ? List.of() : List.copyOf(ediIds);
        maxFileBytes = maxFileBytes == null ? 100L * 1024 * 1024 : maxFileBytes;
        csvColumns = csvColumns == null ? Map.of() : Map.copyOf(csvColumns);
        attachInvoices = attachInvoices == null || attachInvoices;
    }

    public Partner(String id, String host, Integer port, String user, Path privateKeyFile, String passphraseEnv,
            String passwordEnv, Path knownHostsFile, String inbound, String processing, String archive, String error,
            String outbound, Map<String, List<String>> patterns, String doneMarker, List<String> ediIds,
            String odooVendorRef, Long maxFileBytes, Path localDirectory) {
        this(id, host, port, user, privateKeyFile, passphraseEnv, passwordEnv, knownHostsFile, inbound, processing,
                archive, error, outbound, patterns, doneMarker, ediIds, odooVendorRef, maxFileBytes, localDirectory,
                null, null);
    }

    /** The document type a file name belongs to, or null when no pattern matches. */
    public String documentType(String fileName) {
        // When two kinds share a directory, the most specific pattern wins: "products*.csv" before "*.csv".
        String best = null;
        int bestLiterals = -1;
        for (Map.Entry<String, List<String>> e : patterns.entrySet()) {
            for (String glob : e.getValue()) {
                int literals = glob.replaceAll("[*?\\[\\]{},]", "").length();
                if (literals > bestLiterals && java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob)
                        .matches(Path.of(fileName))) {
                    best = e.getKey();
                    bestLiterals = literals;
                }
            }
        }
        return best;
    }

    /** The same partner with another connection target (tests and demo point it at the embedded server). */
    public Partner withEndpoint(String newHost, int newPort, Path newKnownHosts) {
        return new Partner(id, newHost, newPort, user, privateKeyFile, passphraseEnv, passwordEnv, newKnownHosts, inbound,
                processing, archive, error, outbound, patterns, doneMarker, ediIds, odooVendorRef, maxFileBytes, localDirectory, csvColumns,
                attachInvoices);
    }

    public Partner withKey(Path key) {
        return new Partner(id, host, port, user, key, passphraseEnv, passwordEnv, knownHostsFile, inbound, processing,
                archive, error, outbound, patterns, doneMarker, ediIds, odooVendorRef, maxFileBytes, localDirectory, csvColumns,
                attachInvoices);
    }

    public Partner withMaxFileBytes(long max) {
        return new Partner(id, host, port, user, privateKeyFile, passphraseEnv, passwordEnv, knownHostsFile, inbound,
                processing, archive, error, outbound, patterns, doneMarker, ediIds, odooVendorRef, max, localDirectory,
                csvColumns, attachInvoices);
    }

    public Partner withAttachInvoices(boolean attach) {
        return new Partner(id, host, port, user, privateKeyFile, passphraseEnv, passwordEnv, knownHostsFile, inbound,
                processing, archive, error, outbound, patterns, doneMarker, ediIds, odooVendorRef, maxFileBytes,
                localDirectory, csvColumns, attach);
    }
}
