package dev.plantsync.edi;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.HexFormat;

/**
 * The characters of a CSV file, decoded strictly as UTF-8 and within limits, knowing where it is. Java's own decoder
 * replaces bad bytes with U+FFFD without a word, and a 50 MB line would be buffered whole by the CSV reader until
 * the heap is gone; here bad bytes and an overlong line or field stop reading with their place (line, column, the
 * bytes in hex), and no line or field longer than the limits is ever handed on, so memory stays bounded.
 *
 * <p>Fields are followed with RFC 4180's quoting (a delimiter or line break inside quotes belongs to the field) so that
 * the column named is the CSV column, not the character.
 */
final class CsvInput extends Reader {

    /** Why reading stopped, where: the parser turns it into a located {@link EdiError}. */
    static final class Stop extends IOException {
        final int line;
        final int column;
        final EdiError.Code code;

        Stop(int line, int column, EdiError.Code code, String message) {
            super(message);
            this.line = line;
            this.column = column;
            this.code = code;
        }
    }

    private final InputStream in;
    private final char delimiter;
    private final int maxLineChars;
    private final int maxFieldChars;
    private int line = 1;
    private int lineChars;
    private int column = 1;
    private int fieldChars;
    private boolean quoted;
    private int pendingLowSurrogate = -1;

    CsvInput(InputStream in, char delimiter, int maxLineChars, int maxFieldChars) {
        this.in = in;
        this.delimiter = delimiter;
        this.maxLineChars = maxLineChars;
        this.maxFieldChars = maxFieldChars;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = 0;
        while (n < length) {
            if (pendingLowSurrogate >= 0) {
                buffer[offset + n++] = (char) pendingLowSurrogate;
                pendingLowSurrogate = -1;
                continue;
            }
            int codePoint = next();
            if (codePoint < 0) {
                return n == 0 ? -1 : n;
            }
            track(codePoint);
            if (codePoint >= 0x10000) {
                buffer[offset + n++] = Character.highSurrogate(codePoint);
                pendingLowSurrogate = Character.lowSurrogate(codePoint);
            } else {
                buffer[offset + n++] = (char) codePoint;
            }
            if (codePoint == '\n') {
                return n; // hand lines on as they end, so the position is that of what the CSV reader sees
            }
        }
        return n;
    }

    private void track(int c) throws Stop {
        if (c == '"') {
            quoted = !quoted; // "" inside a quoted field toggles twice
        }
        if (c == '\n') {
            line++;
            lineChars = 0;
            if (!quoted) {
                column = 1;
                fieldChars = 0;
            }
            return;
        }
        if (c == delimiter && !quoted) {
            column++;
            fieldChars = 0;
        } else if (c != '\r') {
            fieldChars++;
        }
        lineChars++;
        if (lineChars > maxLineChars) {
            throw new Stop(line, column, EdiError.Code.TOO_LONG, "line " + line + " is longer than " + maxLineChars
                    + " characters (plantsync.invoices.csv.max-line-chars); the file was not read");
        }
        if (fieldChars > maxFieldChars) {
            throw new Stop(line, column, EdiError.Code.TOO_LONG, "the value in column " + column + " is longer than "
                    + maxFieldChars + " characters (plantsync.invoices.csv.max-field-chars); the file was not read");
        }
    }

    /** The next code point, or -1 at the end; bytes that are not UTF-8 (RFC 3629) stop reading with their place. */
    private int next() throws IOException {
        int b0 = in.read();
        if (b0 < 0x80) {
            return b0;
        }
        int needed;
        int min;
        int codePoint;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            needed = 1;
            min = 0x80;
            codePoint = b0 & 0x1F;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            needed = 2;
            min = 0x800;
            codePoint = b0 & 0x0F;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            needed = 3;
            min = 0x10000;
            codePoint = b0 & 0x07;
        } else {
            throw bad(new byte[] {(byte) b0});
        }
        byte[] seen = new byte[needed + 1];
        seen[0] = (byte) b0;
        for (int i = 1; i <= needed; i++) {
            int b = in.read();
            if (b < 0 || (b & 0xC0) != 0x80) {
                byte[] shown = java.util.Arrays.copyOf(seen, b < 0 ? i : i + 1);
                if (b >= 0) {
                    shown[i] = (byte) b;
                }
                throw bad(shown);
            }
            seen[i] = (byte) b;
            codePoint = (codePoint << 6) | (b & 0x3F);
        }
        if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
            throw bad(seen); // overlong form or a surrogate: not UTF-8 either
        }
        return codePoint;
    }

    private Stop bad(byte[] bytes) {
        return new Stop(line, column, EdiError.Code.BAD_ENCODING, "bytes " + HexFormat.ofDelimiter(" ").withUpperCase()
                .formatHex(bytes) + " at character " + (lineChars + 1) + " of line " + line
                + " are not UTF-8; the file was not read (the partner must send UTF-8)");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
