package dev.plantsync.edi;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;

/**
 * The one entry point for invoice files: detects X12, EDIFACT or CSV from the first bytes and streams the invoices
 * to the sink. Never throws for bad content: every problem becomes a located {@link EdiError}.
 */
public final class InvoiceParsers {

    /** What a file looks like. */
    public enum Format {
        X12, EDIFACT, CSV
    }

    /**
     * Parser settings: CSV delimiter, the sender ids known from the partner registry (null: not checked), the
     * partner's CSV column names -> ours ({@code csvColumns} in {@code jobs/partners.yml}), the longest CSV line
     * and field read (longer stops the file with its place: memory stays bounded whatever a partner sends), and
     * up to how many characters of each invoice's own part of the file are kept as its {@link InvoiceDocument}
     * (0: none, the default, as validating a file needs none).
     */
    public record Options(char csvDelimiter, Set<String> knownSenders, Map<String, String> csvColumns,
            int csvMaxLineChars, int csvMaxFieldChars, int documentLimit) {

        public static final int DEFAULT_MAX_LINE_CHARS = 65_536;
        public static final int DEFAULT_MAX_FIELD_CHARS = 8_192;

        public Options {
            csvColumns = csvColumns == null ? Map.of() : Map.copyOf(csvColumns);
            csvMaxLineChars = csvMaxLineChars <= 0 ? DEFAULT_MAX_LINE_CHARS : csvMaxLineChars;
            csvMaxFieldChars = csvMaxFieldChars <= 0 ? DEFAULT_MAX_FIELD_CHARS : csvMaxFieldChars;
        }

        public Options(char csvDelimiter, Set<String> knownSenders, Map<String, String> csvColumns,
                int csvMaxLineChars, int csvMaxFieldChars) {
            this(csvDelimiter, knownSenders, csvColumns, csvMaxLineChars, csvMaxFieldChars, 0);
        }

        public Options(char csvDelimiter, Set<String> knownSenders, int documentLimit) {
            this(csvDelimiter, knownSenders, Map.of(), 0, 0, documentLimit);
        }

        public Options(char csvDelimiter, Set<String> knownSenders) {
            this(csvDelimiter, knownSenders, Map.of(), 0, 0, 0);
        }

        public static Options defaults() {
            return new Options(',', null);
        }

        public Options withCsvColumns(Map<String, String> columns) {
            return new Options(csvDelimiter, knownSenders, columns, csvMaxLineChars, csvMaxFieldChars, documentLimit);
        }

        public Options withCsvLimits(int maxLineChars, int maxFieldChars) {
            return new Options(csvDelimiter, knownSenders, csvColumns, maxLineChars, maxFieldChars, documentLimit);
        }
    }

    private InvoiceParsers() {
    }

    /**
     * Parses one file. A file with content that yields neither an invoice nor an error gets an error of its own: a
     * silent "nothing in it" would archive a partner's file as processed with its invoices lost.
     */
    public static Format parse(InputStream raw, String file, Options options, InvoiceSink sink) {
        BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
        Format format;
        boolean empty;
        boolean binary;
        try {
            format = detect(in);
            empty = blank(in);
            binary = format == Format.CSV && binary(in);
            if (format != Format.CSV && !empty) {
                skipToEnvelope(in);
            }
        } catch (IOException e) {
            sink.fileError(new EdiError(file, null, null, 0, null, null, EdiError.Code.SYNTAX, "unreadable: " + e));
            return null;
        }
        if (empty) {
            sink.fileError(new EdiError(file, null, null, 0, null, null, EdiError.Code.MISSING_MANDATORY,
                    "empty file"));
            return null;
        }
        if (binary) {
            sink.fileError(new EdiError(file, null, null, 0, null, null, EdiError.Code.UNSUPPORTED,
                    "not X12, EDIFACT or CSV (the file starts with binary content)"));
            return null;
        }
        Counting counting = new Counting(sink);
        switch (format) {
            case X12 -> X12InvoiceParser.parse(in, file, options.knownSenders(), counting, options.documentLimit());
            case EDIFACT -> EdifactInvoiceParser.parse(in, edifactCharset(in), file, options.knownSenders(), counting,
                    options.documentLimit());
            default -> CsvInvoiceParser.parse(in, file, options, counting);
        }
        if (!empty && counting.invoices == 0 && counting.errors == 0) {
            sink.fileError(new EdiError(file, null, null, 0, null, null, EdiError.Code.MISSING_MANDATORY,
                    "the file is not empty but holds no " + (format == Format.CSV ? "invoice row" : "invoice ("
                            + (format == Format.X12 ? "ST 810" : "UNH INVOIC") + ")")));
        }
        return format;
    }

    /**
     * Whether the start of a file that is neither X12 nor EDIFACT is binary (a PDF, a zip, a spreadsheet): a NUL or
     * a control character no text file has. Such a file is named for what it is, not reported as a bad CSV header.
     */
    private static boolean binary(BufferedInputStream in) throws IOException {
        in.mark(4096);
        byte[] head = in.readNBytes(4096);
        in.reset();
        for (byte b : head) {
            int c = b & 0xFF;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7F) {
                return true;
            }
        }
        return false;
    }

    /**
     * Skips a byte order mark and blank lines before ISA / UNA / UNB: Windows tools write a BOM, some mailboxes a line
     * break, and the EDI reader takes either for the start of the envelope and gives up on the whole file.
     */
    private static void skipToEnvelope(BufferedInputStream in) throws IOException {
        in.mark(4096);
        byte[] head = in.readNBytes(4096);
        in.reset();
        int n = 0;
        if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            n = 3;
        }
        while (n < head.length && (head[n] & 0xFF) <= ' ') {
            n++;
        }
        in.skipNBytes(n);
    }

    /** Whether the file holds nothing but white space and a byte order mark (peeked, then reset). */
    private static boolean blank(BufferedInputStream in) throws IOException {
        in.mark(4096);
        byte[] head = in.readNBytes(4096);
        in.reset();
        for (byte b : head) {
            int c = b & 0xFF;
            if (!Character.isWhitespace(c) && c != 0xEF && c != 0xBB && c != 0xBF) {
                return false;
            }
        }
        return head.length < 4096;
    }

    /** Passes everything on, counting invoices and errors. */
    private static final class Counting implements InvoiceSink {
        private final InvoiceSink sink;
        int invoices;
        int errors;

        Counting(InvoiceSink sink) {
            this.sink = sink;
        }

        @Override
        public void invoice(ParsedInvoice parsed) {
            invoices++;
            sink.invoice(parsed);
        }

        @Override
        public void fileError(EdiError error) {
            errors++;
            sink.fileError(error);
        }

        @Override
        public void interchange(Interchange interchange) {
            sink.interchange(interchange);
        }
    }

    /**
     * EDIFACT declares its character set in UNB's syntax identifier (ISO 9735 0001): UNOA, UNOB and UNOC are Latin-1
     * or subsets of it, UNOD..UNOK the other ISO 8859 parts (a Polish supplier's UNOD is Latin-2, a Russian one's
     * UNOE Cyrillic), UNOW and UNOY UTF-8. Read as Latin-1, "Łódź" would come out as "£ód¼". Decoding Latin-1 rather
     * than UTF-8 where allowed is also what makes parsing fast enough.
     */
    static String edifactCharset(BufferedInputStream in) {
        try {
            in.mark(512);
            String head = new String(in.readNBytes(512), java.nio.charset.StandardCharsets.ISO_8859_1);
            in.reset();
            java.util.regex.Matcher syntax = UNB_SYNTAX.matcher(head);
            return syntax.find() ? SYNTAX_CHARSETS.getOrDefault(syntax.group(1), "ISO-8859-1") : "ISO-8859-1";
        } catch (IOException e) {
            return "UTF-8";
        }
    }

    /** UNB, one element separator, then the syntax identifier's level letter. */
    private static final java.util.regex.Pattern UNB_SYNTAX = java.util.regex.Pattern.compile("UNB.UNO([A-Z])");

    private static final Map<String, String> SYNTAX_CHARSETS = Map.ofEntries(Map.entry("A", "ISO-8859-1"),
            Map.entry("B", "ISO-8859-1"), Map.entry("C", "ISO-8859-1"), Map.entry("D", "ISO-8859-2"),
            Map.entry("E", "ISO-8859-5"), Map.entry("F", "ISO-8859-7"), Map.entry("G", "ISO-8859-3"),
            Map.entry("H", "ISO-8859-4"), Map.entry("I", "ISO-8859-6"), Map.entry("J", "ISO-8859-8"),
            Map.entry("K", "ISO-8859-9"), Map.entry("W", "UTF-8"), Map.entry("Y", "UTF-8"));

    static Format detect(BufferedInputStream in) throws IOException {
        in.mark(64);
        byte[] head = in.readNBytes(16);
        in.reset();
        String start = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).stripLeading();
        if (start.startsWith("\uFEFF") || start.startsWith("ï»¿")) {
            start = start.substring(start.startsWith("ï»¿") ? 3 : 1);
        }
        if (start.startsWith("ISA")) {
            return Format.X12;
        }
        if (start.startsWith("UNA") || start.startsWith("UNB")) {
            return Format.EDIFACT;
        }
        return Format.CSV;
    }
}
