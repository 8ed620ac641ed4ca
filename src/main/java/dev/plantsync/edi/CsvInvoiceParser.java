package dev.plantsync.edi;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Supplier invoices as CSV, one row per line with the invoice header repeated (layout in
 * {@code jobs/supplier-invoices.csv.md}): UTF-8 with or without BOM (bytes that are not UTF-8 stop the file with their
 * place, {@link CsvInput}), configurable delimiter and line and field limits, the partner's column names mapped to ours,
 * rows of one invoice consecutive, the PO per row. Errors name the file line and column.
 */
final class CsvInvoiceParser {

    static final List<String> COLUMNS = List.of("vendor_id", "invoice_number", "invoice_date", "currency", "po_number",
            "record_type", "line_number", "vendor_item", "buyer_item", "description", "quantity", "uom", "unit_price",
            "amount", "po_line", "tax_amount", "invoice_total", "document_type");
    private static final Set<String> REQUIRED = Set.of("vendor_id", "invoice_number", "invoice_date", "quantity",
            "unit_price");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    private CsvInvoiceParser() {
    }

    /**
     * Reads a CSV invoice file; {@code options.documentLimit()} > 0 keeps each invoice's rows (written back in the
     * file's delimiter under the file's header) as its {@link InvoiceDocument}.
     */
    static void parse(InputStream in, String file, InvoiceParsers.Options options, InvoiceSink sink) {
        char delimiter = options.csvDelimiter();
        Set<String> knownSenders = options.knownSenders();
        int documentLimit = options.documentLimit();
        CSVFormat printing = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setRecordSeparator("").get();
        String[] headerLine = new String[1];
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                .setTrim(true).setIgnoreEmptyLines(true).setAllowMissingColumnNames(true).get();
        CSVParser opened = null;
        InvoiceBuilder current = null;
        try (Reader reader = new CsvInput(new UnsynchronizedInput(withoutBom(in)), delimiter,
                options.csvMaxLineChars(), options.csvMaxFieldChars());
                CSVParser csv = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            opened = csv;
            Map<String, Integer> header = ourColumns(csv.getHeaderNames(), options.csvColumns(), file, sink);
            if (header == null) {
                return;
            }
            List<String> missing = REQUIRED.stream().filter(c -> !header.containsKey(c)).sorted().toList();
            if (!missing.isEmpty()) {
                sink.fileError(new EdiError(file, null, null, 1, "line 1", null, EdiError.Code.MISSING_MANDATORY,
                        "header lacks the columns " + String.join(", ", missing) + " (expected: " + String.join(",",
                                COLUMNS) + ")"));
                return;
            }
            headerLine[0] = printing.format(csv.getHeaderNames().toArray());
            String currentKey = null;
            List<Integer> unnamed = unnamedColumns(csv.getHeaderNames());
            for (CSVRecord row : csv) {
                int line = firstLine(csv, row);
                String key = value(row, header, "vendor_id") + "\u0000" + value(row, header, "invoice_number");
                if (!key.equals(currentKey)) {
                    if (current != null) {
                        InvoiceBuilder done = current;
                        current = null;
                        finish(done, sink, headerLine[0]);
                    }
                    current = start(row, file, line, header, knownSenders);
                    current.keepText(documentLimit);
                    currentKey = key;
                }
                if (documentLimit > 0) {
                    current.appendLine(printing.format(row.values()));
                }
                unnamedValues(current, row, line, unnamed);
                row(current, row, line, header);
            }
            if (current != null) {
                InvoiceBuilder last = current;
                current = null;
                finish(last, sink, headerLine[0]);
            }
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            // Reading stops here (bad bytes, a line over the limit, an unclosed quote): say where, and end the invoice
            // being read as invalid rather than dropping it; the rest of the file is not read.
            CsvInput.Stop stop = stop(e);
            int line = stop != null ? stop.line : opened == null ? 1 : (int) Math.max(1, opened.getCurrentLineNumber());
            EdiError error = stop != null
                    ? new EdiError(file, null, null, line, "line " + line, stop.column, stop.code, stop.getMessage())
                    : new EdiError(file, null, null, line, "line " + line, null, EdiError.Code.SYNTAX,
                            "unreadable CSV: " + SegmentReader.firstLine(e.getMessage())
                                    + "; the rest of the file was not read");
            if (current != null) {
                current.errors.add(new EdiError(file, null, current.source.messageControl(), line, "line " + line,
                        error.element(), error.code(), error.reason()));
                sink.invoice(current.build());
            }
            sink.fileError(error);
        }
    }

    /** The reader's own stop (bad bytes, a limit), however the CSV library wrapped it. */
    private static CsvInput.Stop stop(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CsvInput.Stop stop) {
                return stop;
            }
        }
        return null;
    }

    /**
     * Our column -> its index, from the partner's header: their names through the partner's mapping
     * ({@code csvColumns} in {@code jobs/partners.yml}), ours as they are. A column we do not know is an error that
     * stops the file before any row is read: a partner's {@code line_amount} ignored is an amount check lost without
     * a word, and a file we cannot read fully is not read partly. Null after such an error.
     */
    private static Map<String, Integer> ourColumns(List<String> names, Map<String, String> mapping, String file,
            InvoiceSink sink) {
        Map<String, Integer> header = new LinkedHashMap<>();
        List<EdiError> errors = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String theirs = names.get(i) == null ? "" : names.get(i).trim();
            if (theirs.isEmpty()) {
                continue; // a column without a name (a spreadsheet's trailing delimiter): its values are checked per row
            }
            String ours = mapping.containsKey(theirs) ? mapping.get(theirs) : theirs.toLowerCase(Locale.ROOT);
            if (!COLUMNS.contains(ours)) {
                errors.add(new EdiError(file, null, null, 1, "line 1", i + 1, EdiError.Code.UNKNOWN_COLUMN,
                        (mapping.containsKey(theirs) ? "column '" + theirs + "' is mapped to '" + ours
                                + "', which is not one of ours" : "unknown column '" + theirs + "'")
                                + " (ours: " + String.join(",", COLUMNS) + "; map the partner's name to ours under "
                                + "csvColumns in jobs/partners.yml); the file was not read"));
            } else if (header.putIfAbsent(ours, i) != null) {
                errors.add(new EdiError(file, null, null, 1, "line 1", i + 1, EdiError.Code.UNKNOWN_COLUMN,
                        "column '" + theirs + "' is '" + ours + "' a second time (column " + (header.get(ours) + 1)
                                + "); the file was not read"));
            }
        }
        errors.forEach(sink::fileError);
        return errors.isEmpty() ? header : null;
    }

    /**
     * The file line a row starts on. A quoted value may hold line breaks (a two-line description), so the row's
     * number is not its line: the reader's line count is where the row ends, less the breaks inside its values.
     */
    private static int firstLine(CSVParser csv, CSVRecord row) {
        long end = csv.getCurrentLineNumber();
        int breaks = 0;
        for (String value : row.values()) {
            for (int i = 0; value != null && i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\n' || c == '\r' && (i + 1 == value.length() || value.charAt(i + 1) != '\n')) {
                    breaks++;
                }
            }
        }
        return (int) Math.max(2, end - breaks);
    }

    /** Header columns without a name: Excel's trailing delimiter gives every row one, empty. */
    private static List<Integer> unnamedColumns(List<String> names) {
        List<Integer> unnamed = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i) == null || names.get(i).isBlank()) {
                unnamed.add(i);
            }
        }
        return unnamed;
    }

    /** A value under a column without a name cannot be read as anything: an error on the row, never dropped. */
    private static void unnamedValues(InvoiceBuilder b, CSVRecord row, int line, List<Integer> unnamed) {
        for (int i : unnamed) {
            if (i < row.size() && !row.get(i).isBlank()) {
                b.error(line, "line " + line, i + 1, EdiError.Code.UNKNOWN_COLUMN, "'" + row.get(i) + "' is in column "
                        + (i + 1) + ", which has no name in the header, so the value cannot be read as any of ours");
            }
        }
    }

    private static InvoiceBuilder start(CSVRecord row, String file, int line, Map<String, Integer> header,
            Set<String> knownSenders) {
        String vendor = value(row, header, "vendor_id");
        InvoiceBuilder b = new InvoiceBuilder(new SupplierInvoice.Source(file, "CSV", vendor, null, null,
                value(row, header, "invoice_number"), line));
        b.vendorId = InvoiceBuilder.blankToNull(vendor);
        b.invoiceNumber = InvoiceBuilder.blankToNull(value(row, header, "invoice_number"));
        if (b.vendorId == null) {
            b.error(line, "line " + line, column(header, "vendor_id"), EdiError.Code.MISSING_MANDATORY, "vendor_id is empty");
        } else if (knownSenders != null && !knownSenders.contains(b.vendorId)) {
            b.error(line, "line " + line, column(header, "vendor_id"), EdiError.Code.UNKNOWN_SENDER, "vendor_id '"
                    + b.vendorId + "' is not a registered partner");
        }
        b.invoiceDate = b.date(line, "line " + line, column(header, "invoice_date"), value(row, header, "invoice_date"), ISO,
                "yyyy-MM-dd");
        b.currency = InvoiceBuilder.blankToNull(value(row, header, "currency"));
        b.taxAmount = b.decimal(line, "line " + line, column(header, "tax_amount"), value(row, header, "tax_amount"), false, 0);
        b.total = b.decimal(line, "line " + line, column(header, "invoice_total"), value(row, header, "invoice_total"), false, 0);
        b.totalPosition = line;
        b.totalSegment = "line " + line;
        b.totalElement = column(header, "invoice_total");
        return b;
    }

    private static void row(InvoiceBuilder b, CSVRecord row, int line, Map<String, Integer> header) {
        String where = "line " + line;
        // The PO is the row's: an invoice over two purchase orders names each on its lines.
        String po = InvoiceBuilder.blankToNull(value(row, header, "po_number"));
        if (po != null && !b.poNumbers.contains(po)) {
            b.poNumbers.add(po);
        }
        // Any row of the invoice saying it is a credit note makes the whole invoice one (reported once).
        String refusal = DocumentTypes.csvRefusal(value(row, header, "document_type"));
        if (refusal != null && b.errors.stream().noneMatch(e -> e.code() == EdiError.Code.DOCUMENT_TYPE)) {
            b.error(line, where, column(header, "document_type"), EdiError.Code.DOCUMENT_TYPE, refusal);
        }
        String type = value(row, header, "record_type").toUpperCase();
        if (type.equals("CHARGE") || type.equals("ALLOWANCE")) {
            BigDecimal amount = b.decimal(line, where, column(header, "amount"), value(row, header, "amount"), true, 0);
            if (amount != null) {
                b.charges.add(new SupplierInvoice.Charge(InvoiceBuilder.blankToNull(value(row, header, "vendor_item")),
                        InvoiceBuilder.blankToNull(value(row, header, "description")),
                        type.equals("ALLOWANCE") ? amount.abs().negate() : amount));
            }
            return;
        }
        if (!type.isEmpty() && !type.equals("LINE")) {
            b.error(line, where, column(header, "record_type"), EdiError.Code.UNSUPPORTED, "record_type '" + type
                    + "' is not LINE, CHARGE or ALLOWANCE");
            return;
        }
        BigDecimal quantity = b.decimal(line, where, column(header, "quantity"), value(row, header, "quantity"), true, 0);
        BigDecimal price = b.decimal(line, where, column(header, "unit_price"), value(row, header, "unit_price"), true, 0);
        BigDecimal amount = b.decimal(line, where, column(header, "amount"), value(row, header, "amount"), false, 0);
        if (amount == null && quantity != null && price != null) {
            amount = quantity.multiply(price);
        } else if (amount != null && quantity != null && price != null) {
            b.checkTotal(line, where, column(header, "amount"), amount, quantity.multiply(price), "amount");
        }
        String number = value(row, header, "line_number");
        int lineNumber = number.chars().allMatch(Character::isDigit) && !number.isEmpty() && number.length() < 9
                ? Integer.parseInt(number) : b.lines.size() + 1;
        b.lines.add(new SupplierInvoice.InvoiceLine(lineNumber, InvoiceBuilder.blankToNull(value(row, header, "vendor_item")),
                InvoiceBuilder.blankToNull(value(row, header, "buyer_item")), InvoiceBuilder.blankToNull(value(row, header, "description")),
                quantity, InvoiceBuilder.blankToNull(value(row, header, "uom")), price, amount,
                InvoiceBuilder.blankToNull(value(row, header, "po_line")), line, po));
    }

    private static void finish(InvoiceBuilder b, InvoiceSink sink, String headerLine) {
        b.requireHeader(b.source.position(), "line " + b.source.position());
        if (b.total != null) {
            BigDecimal tax = b.taxAmount == null ? BigDecimal.ZERO : b.taxAmount;
            b.checkTotal(b.totalPosition, b.totalSegment, b.totalElement, b.total,
                    b.linesTotal().add(b.chargesTotal()).add(tax), "invoice_total");
        }
        sink.invoice(b.build(b.document(headerLine + "\n", "", InvoiceDocument.CSV, ".csv", StandardCharsets.UTF_8)));
    }

    private static String value(CSVRecord row, Map<String, Integer> header, String column) {
        Integer index = header.get(column);
        return index == null || index >= row.size() ? "" : row.get(index);
    }

    private static Integer column(Map<String, Integer> header, String name) {
        Integer index = header.get(name);
        return index == null ? null : index + 1;
    }

    private static InputStream withoutBom(InputStream in) throws IOException {
        PushbackInputStream pushback = new PushbackInputStream(in, 3);
        byte[] head = new byte[3];
        int n = pushback.readNBytes(head, 0, 3);
        boolean bom = n == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
        if (!bom && n > 0) {
            pushback.unread(head, 0, n);
        }
        return pushback;
    }
}
