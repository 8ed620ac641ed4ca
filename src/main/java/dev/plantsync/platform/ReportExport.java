package dev.plantsync.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * A report's rows written as they come from the database (a {@link RowCallbackHandler}), to CSV or to XLSX through
 * POI's streaming workbook, which keeps only a window of rows in memory. Text cells are made formula-safe; numeric
 * columns stay numbers.
 */
public abstract sealed class ReportExport implements RowCallbackHandler, AutoCloseable {

    public static ReportExport csv(OutputStream out) {
        return new Csv(out);
    }

    public static ReportExport xlsx(OutputStream out, String sheetName) {
        return new Xlsx(out, sheetName);
    }

    private List<Integer> types;

    @Override
    public final void processRow(ResultSet rs) throws SQLException {
        if (types == null) {
            ResultSetMetaData meta = rs.getMetaData();
            types = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                types.add(meta.getColumnType(i));
                names.add(meta.getColumnLabel(i));
            }
            header(names);
        }
        List<Object> values = new ArrayList<>(types.size());
        for (int i = 1; i <= types.size(); i++) {
            Object value = switch (types.get(i - 1)) {
                case Types.NUMERIC, Types.DECIMAL, Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.DOUBLE ->
                    rs.getBigDecimal(i);
                default -> rs.getString(i);
            };
            values.add(value);
        }
        row(values);
    }

    /** Writes the header when the query returned no rows, so an empty report still says what it would hold. */
    public void headerIfEmpty(List<String> names) {
        if (types == null) {
            types = List.of();
            header(names);
        }
    }

    abstract void header(List<String> names);

    abstract void row(List<Object> values);

    @Override
    public abstract void close();

    private static final class Csv extends ReportExport {

        private final CSVPrinter printer;

        Csv(OutputStream out) {
            try {
                Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                printer = new CSVPrinter(writer, CSVFormat.DEFAULT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        void header(List<String> names) {
            row(new ArrayList<>(names));
        }

        @Override
        void row(List<Object> values) {
            try {
                for (Object value : values) {
                    printer.print(value instanceof BigDecimal n ? n.toPlainString()
                            : SpreadsheetText.safe((String) value));
                }
                printer.println();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                printer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class Xlsx extends ReportExport {

        private final OutputStream out;
        private final SXSSFWorkbook workbook = new SXSSFWorkbook(200);
        private final Sheet sheet;
        private final CellStyle quotePrefixed;
        private int next;

        Xlsx(OutputStream out, String sheetName) {
            this.out = out;
            this.sheet = workbook.createSheet(sheetName);
            this.quotePrefixed = workbook.createCellStyle();
            quotePrefixed.setQuotePrefixed(true);
        }

        @Override
        void header(List<String> names) {
            row(new ArrayList<>(names));
        }

        @Override
        void row(List<Object> values) {
            Row row = sheet.createRow(next++);
            for (int i = 0; i < values.size(); i++) {
                Object value = values.get(i);
                if (value == null) {
                    continue;
                }
                Cell cell = row.createCell(i);
                if (value instanceof BigDecimal n) {
                    cell.setCellValue(n.doubleValue());
                } else {
                    String text = (String) value;
                    cell.setCellValue(text);
                    if (SpreadsheetText.looksLikeFormula(text)) {
                        cell.setCellStyle(quotePrefixed);
                    }
                }
            }
        }

        @Override
        public void close() {
            try (workbook) {
                workbook.write(out);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
